import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, readFile, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import type { BackupPageOptions, FileStore, HostBackupSource } from "../../src/index.js";
import { backupKit, readArchive } from "./fixture.js";
import type { FakeUser } from "./fixture.js";
import { inProcessJobs } from "../../src/index.js";

const STATUSES = 20_000;

// A forced collection before each sample measures what the writer retains, not garbage waiting
// for the collector (which alone swings by tens of MB).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Status i of the generated user: deterministic, so the test can regenerate it to compare. */
function activity(i: number) {
  return {
    id: `https://x/activities/${i.toString().padStart(8, "0")}`,
    type: "Create",
    actor: "https://x/users/big",
    object: {
      id: `https://x/objects/${i}`,
      type: "Note",
      // ~1 KB of text that differs per status, so the archive is far larger than the bound below.
      content: `status ${i} ${Array.from({ length: 100 }, (_, j) => ((i * 2654435761 + j * 40503) >>> 0).toString(36)).join(" ")}`,
    },
  };
}

/** A host source that generates the user's statuses page by page, holding none of them. */
function generatedSource(): HostBackupSource {
  return {
    actor: async () => ({ type: "Person", preferredUsername: "big" }),
    async *outbox(_id, options: BackupPageOptions) {
      for (let i = 0; i < STATUSES; i += options.pageSize) {
        yield Array.from({ length: Math.min(options.pageSize, STATUSES - i) }, (_, k) => activity(i + k));
      }
    },
    async *likes() {
      yield ["https://x/objects/1"];
    },
    async *bookmarks() {},
    async *relations() {},
  };
}

/** A file store on disk (streamed writes to a temp file, renamed when complete), sampling the heap as bytes arrive. */
function sampledDiskStore(dir: string, onChunk: () => void): FileStore {
  const path = (key: string) => join(dir, key.replaceAll("/", "__"));
  return {
    async write(key, body, options) {
      const temp = `${path(key)}.tmp`;
      const source = body instanceof Uint8Array ? [body] : (body as AsyncIterable<Uint8Array>);
      async function* tap() {
        for await (const chunk of source) {
          onChunk();
          yield chunk;
        }
      }
      try {
        await pipeline(Readable.from(tap()), createWriteStream(temp), options?.signal ? { signal: options.signal } : {});
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await rename(temp, path(key));
      const s = await stat(path(key));
      return { size: s.size, modifiedAt: s.mtime };
    },
    async read(key) {
      try {
        await stat(path(key));
      } catch {
        return null;
      }
      return Readable.toWeb(createReadStream(path(key))) as unknown as ReadableStream<Uint8Array>;
    },
    async stat(key) {
      const s = await stat(path(key)).catch(() => null);
      return s ? { size: s.size, modifiedAt: s.mtime } : null;
    },
    async delete(key) {
      await rm(path(key), { force: true });
      return true;
    },
    list: async () => [],
    move: async () => {},
    publicUrl: () => null,
  };
}

describe("a backup of 20k statuses", () => {
  it("keeps heap growth bounded while writing, and the archive holds every status in order", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pk-backup-"));
    try {
      let peak = 0;
      let chunks = 0;
      let samples = 0;
      const sample = () => {
        if (++chunks % 4 !== 0) return;
        gc();
        samples++;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      };
      const user: FakeUser = { id: "big", nickname: "big", email: null, outbox: [], likes: [], bookmarks: [], following: [], blocks: [], mutes: [] };
      const { call, jobs, files } = backupKit({ users: [user], source: generatedSource(), files: sampledDiskStore(dir, sample), backups: { pageSize: 200 } });
      gc();
      const baseline = process.memoryUsage().heapUsed;
      peak = baseline;
      const [entry] = (await (await call("POST", "/api/v1/pleroma/backups", "big")).json()) as Array<{ url: string }>;
      await (jobs as ReturnType<typeof inProcessJobs>).drain();
      const growth = peak - baseline;
      console.log(`backup of ${STATUSES} statuses: peak retained heap growth ${(growth / 1e6).toFixed(2)} MB over ${samples} samples`);
      expect(samples).toBeGreaterThan(20);

      const key = `backups/${entry!.url.split("/").pop()}`;
      const archive = await readFile(join(dir, key.replaceAll("/", "__")));
      const outboxText = readArchive(archive)["outbox.json"]!;
      // The uncompressed outbox is many times the bound, so holding it (or its items) would exceed it.
      expect(outboxText.length).toBeGreaterThan(15_000_000);
      expect(growth).toBeLessThan(8_000_000);

      const outbox = JSON.parse(outboxText) as { orderedItems: unknown[]; totalItems: number };
      expect(outbox.totalItems).toBe(STATUSES);
      expect(outbox.orderedItems).toHaveLength(STATUSES);
      for (const i of [0, 1, 199, 200, 12_345, STATUSES - 1]) expect(outbox.orderedItems[i]).toEqual(activity(i));
      expect((await files.stat(key))!.size).toBe(archive.byteLength);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
