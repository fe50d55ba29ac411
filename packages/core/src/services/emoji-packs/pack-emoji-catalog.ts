import type { CustomEmoji, EmojiCatalog } from "../emoji/emoji-catalog.js";
import { isValidShortcode } from "./pack-names.js";
import { PACKS_ROOT, type PackLibrary } from "./pack-library.js";

/** Extensions a pack folder without pack.json or emoji.txt contributes (Akkoma's `pack_extensions`). */
export const PACK_FOLDER_EXTENSIONS: readonly string[] = [".png", ".gif"];

/**
 * The instance's custom emoji read from the live pack state (content.md 1.2): packs with pack.json
 * (tag `pack:<name>`), folders with emoji.txt, and plain folders (tag `Custom`). Rebuilt as soon as
 * the library reports a change, so the emoji list and reactions see an edit at once; `ttlMs`
 * bounds how long a change made outside this process (another instance, a shell) stays unseen.
 */
export function packEmojiCatalog(library: PackLibrary, options: { ttlMs?: number } = {}): EmojiCatalog & { refresh(): void } {
  const ttl = options.ttlMs ?? 5_000;
  interface Snapshot {
    readonly version: number;
    readonly at: number;
    readonly list: CustomEmoji[];
    readonly byCode: Map<string, CustomEmoji>;
  }
  let cached: Snapshot | null = null;
  let building: Promise<Snapshot> | null = null;

  const build = async (): Promise<Snapshot> => {
    const version = library.version;
    const byCode = new Map<string, CustomEmoji>();
    for (const [name, paths] of await library.directories()) {
      const add = (shortcode: string, file: string, tags: string[]) => {
        if (isValidShortcode(shortcode)) byCode.set(shortcode, { shortcode, path: file, tags });
      };
      if (paths.includes("pack.json")) {
        const pack = await library.load(name);
        if (!pack) continue; // invalid JSON: skipped, as Akkoma's loader does
        for (const [code, file] of Object.entries(pack.files)) add(code, `/${PACKS_ROOT}/${name}/${file}`, [`pack:${name}`]);
      } else if (paths.includes("emoji.txt")) {
        for (const line of await readEmojiTxt(library, name)) add(line.shortcode, line.path, line.tags.length ? line.tags : ["Custom"]);
      } else {
        for (const file of paths) {
          const lower = file.toLowerCase();
          const ext = PACK_FOLDER_EXTENSIONS.find((e) => lower.endsWith(e));
          if (!ext) continue;
          const base = file.split("/").pop()!;
          add(base.slice(0, -ext.length), `/${PACKS_ROOT}/${name}/${file}`, ["Custom"]);
        }
      }
    }
    const list = [...byCode.values()].sort((a, b) => (a.shortcode < b.shortcode ? -1 : a.shortcode > b.shortcode ? 1 : 0));
    return { version, at: Date.now(), list, byCode };
  };

  const current = async (): Promise<Snapshot> => {
    if (cached && cached.version === library.version && Date.now() - cached.at < ttl) return cached;
    // One rebuild at a time; callers arriving meanwhile share it.
    building ??= build().finally(() => {
      building = null;
    });
    const snapshot = await building;
    cached = snapshot;
    return snapshot;
  };

  return {
    list: async () => (await current()).list,
    get: async (shortcode) => (await current()).byCode.get(shortcode) ?? null,
    refresh: () => {
      cached = null;
    },
  };
}

/** One parsed emoji.txt line. */
export interface EmojiTxtLine {
  readonly shortcode: string;
  /** The path as written (a URL path such as `/emoji/<pack>/x.png`, or a bare file name). */
  readonly path: string;
  readonly tags: string[];
}

/** Parses a pack's emoji.txt: `shortcode, path[, tag...]`; lines with fewer than two fields are ignored. */
export async function readEmojiTxt(library: PackLibrary, name: string): Promise<EmojiTxtLine[]> {
  const key = library.key(name, "emoji.txt");
  const stream = key ? await library.files.read(key) : null;
  if (!stream) return [];
  const text = await new Response(stream).text();
  const out: EmojiTxtLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const fields = raw.trim().split(/,\s*/);
    if (fields.length < 2 || fields[0] === "" || fields[1] === "") continue;
    out.push({ shortcode: fields[0]!, path: fields[1]!, tags: fields.slice(2).filter((t) => t !== "") });
  }
  return out;
}
