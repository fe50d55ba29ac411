/**
 * The strict patterns every pack name, shortcode and file name passes before a path is built
 * (security.md). Anything else is refused up front, so no hostile value ever reaches the FileStore.
 */

/** A pack name: one path component of letters, digits, marks, space, `_ - . + @`, not starting with a dot. */
const PACK_NAME = /^(?![. ])[\p{L}\p{N}\p{M}_\-.+@ ]{1,100}$/u;
/** A shortcode usable in reactions and statuses (content.md 1.3 recommendation). */
const SHORTCODE = /^[A-Za-z0-9_-]{1,100}$/;
/** One segment of an emoji file path: no leading dot, no separators or control characters. */
const SEGMENT = /^(?![. ])[\p{L}\p{N}\p{M}_\-.+@ ()]{1,128}$/u;
/** Extensions of the image types accepted (checked again by magic bytes). */
export const IMAGE_EXTENSIONS = [".png", ".apng", ".gif", ".jpg", ".jpeg", ".webp"] as const;

/** True for a valid pack name. `.`/`..`/`/`/NUL/backslash all fail. */
export function isValidPackName(name: string): boolean {
  return PACK_NAME.test(name) && !name.endsWith(" ");
}

/** True for a shortcode of `[A-Za-z0-9_-]`, 1-100 characters: usable in reactions and statuses. */
export function isValidShortcode(shortcode: string): boolean {
  return SHORTCODE.test(shortcode);
}

/**
 * True for a safe relative image path inside a pack: at most 4 segments, each matching
 * `SEGMENT` (letters, digits, marks and `_-.+@ ()`, not starting with a dot or space), ending in an
 * image extension; never `pack.json` or `emoji.txt`.
 */
export function isValidEmojiFilename(filename: string): boolean {
  const parts = filename.split("/");
  if (parts.length > 4 || !parts.every((p) => SEGMENT.test(p) && !p.endsWith(" ") && p !== ".." && p !== ".")) return false;
  const lower = filename.toLowerCase();
  return IMAGE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** `dir/blank.png` -> `blank` (Akkoma's default shortcode). */
export function shortcodeFromFilename(filename: string): string {
  const base = filename.split("/").pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}
