/**
 * The files of an account backup (content.md 4.5) as zip entries whose contents are produced page
 * by page from the host's {@link HostBackupSource}: the JSON arrays are written as they are read,
 * so no file is ever held whole.
 */
import type { BackupPageOptions, Entity, HostBackupSource } from "../../ports/host.js";
import type { ZipEntry } from "../../archives/zip-stream.js";

const AS_CONTEXT = "https://www.w3.org/ns/activitystreams";
const encoder = new TextEncoder();

/** The names of the archive's files, in archive order. */
export const BACKUP_FILES = [
  "actor.json",
  "outbox.json",
  "likes.json",
  "bookmarks.json",
  "following.txt",
  "blocks.txt",
  "mutes.txt",
] as const;

/**
 * The archive's entries for one user. Akkoma's four JSON files, plus the follow, block and mute
 * lists as one `nick@domain` per line: the format Pleroma's follow/blocks/mutes imports (and
 * Mastodon's following import) read, so the lists re-import elsewhere.
 */
export function backupEntries(
  source: HostBackupSource,
  userId: string,
  actor: Entity,
  options: BackupPageOptions,
  /** Called with the number of items of each page read (a running backup's `processed_number`). */
  onItems: (count: number) => void = () => {},
): ZipEntry[] {
  const counted = <T>(pages: () => AsyncIterable<readonly T[]>) =>
    async function* (): AsyncGenerator<readonly T[]> {
      for await (const page of pages()) {
        onItems(page.length);
        yield page;
      }
    };
  return [
    { name: "actor.json", content: once(JSON.stringify({ ...actor, likes: "likes.json", bookmarks: "bookmarks.json" })) },
    { name: "outbox.json", content: orderedCollection("outbox.json", counted(() => source.outbox(userId, options))) },
    { name: "likes.json", content: orderedCollection("likes.json", counted(() => source.likes(userId, options))) },
    { name: "bookmarks.json", content: orderedCollection("bookmarks.json", counted(() => source.bookmarks(userId, options))) },
    { name: "following.txt", content: lines(counted(() => source.relations(userId, "following", options))) },
    { name: "blocks.txt", content: lines(counted(() => source.relations(userId, "blocks", options))) },
    { name: "mutes.txt", content: lines(counted(() => source.relations(userId, "mutes", options))) },
  ];
}

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield encoder.encode(text);
}

/**
 * `{"@context":..., "id": name, "type": "OrderedCollection", "orderedItems": [...], "totalItems": N}`
 * streamed one page at a time. Items that cannot be serialised are skipped and not counted (as
 * Akkoma does), so `totalItems` comes last, once known. The source is opened lazily: only when the
 * zip writer reaches this entry.
 */
async function* orderedCollection(name: string, pages: () => AsyncIterable<readonly unknown[]>): AsyncGenerator<Uint8Array> {
  yield encoder.encode(`{"@context":${JSON.stringify(AS_CONTEXT)},"id":${JSON.stringify(name)},"type":"OrderedCollection","orderedItems":[`);
  let count = 0;
  for await (const page of pages()) {
    let text = "";
    for (const item of page) {
      const json = serialise(item);
      if (json === null) continue;
      text += count === 0 ? json : `,${json}`;
      count++;
    }
    if (text !== "") yield encoder.encode(text);
  }
  yield encoder.encode(`],"totalItems":${count}}`);
}

/** One entry per line; entries with whitespace are dropped, since a line break would forge a second entry. */
async function* lines(pages: () => AsyncIterable<readonly string[]>): AsyncGenerator<Uint8Array> {
  for await (const page of pages()) {
    const text = page.filter((entry) => entry !== "" && !/\s/.test(entry)).map((entry) => `${entry}\n`).join("");
    if (text !== "") yield encoder.encode(text);
  }
}

function serialise(item: unknown): string | null {
  try {
    return JSON.stringify(item) ?? null;
  } catch {
    return null;
  }
}
