/**
 * The one check every file key passes before a FileStore sees it: relative, slash-separated,
 * no `.`/`..` segments, no backslashes, NUL or control characters, no leading slash or drive.
 * Returns the normalised key, or null when it is not safe.
 */
export function safeFileKey(key: string): string | null {
  if (typeof key !== "string" || key.length === 0 || key.length > 1024) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(key)) return null;
  if (key.startsWith("/") || /^[A-Za-z]:/.test(key)) return null;
  const parts = key.split("/");
  if (parts.some((p) => p === "" || p === "." || p === "..")) return null;
  return parts.join("/");
}

/** Joins validated segments into a key; null when any part is unsafe. */
export function joinFileKey(...parts: string[]): string | null {
  return safeFileKey(parts.join("/"));
}
