/**
 * Parses a follow/block/mute import list (accounts.md 4): Mastodon's CSV exports (first column,
 * `Account address,...` header dropped) and plain lists separated by newlines or any whitespace.
 * Akkoma parses block and mute lists by whitespace only, so a Mastodon mutes CSV yields garbage
 * there; we read every list the same CSV-aware way.
 */
export function parseImportList(text: string): string[] {
  const out: string[] = [];
  let headerDropped = false;
  for (const line of text.split(/\r?\n/)) {
    const first = (line.split(",", 1)[0] ?? "").trim();
    if (!headerDropped && first === "Account address") {
      headerDropped = true;
      continue;
    }
    for (const word of first.split(/\s+/)) {
      const identifier = word.replace(/^@+/, "");
      if (identifier !== "") out.push(identifier);
    }
  }
  return out;
}
