/**
 * Issue 15 item 2: an install cut short leaves nothing visible. Files a pack.json does not list are
 * not served; staging and temp files a dead process left are removed at start-up; temp files are
 * private (0600) while partial.
 */
import { mkdtemp, mkdir, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localFileStore } from "../src/index.js";
import { packsKit, png, seedPack } from "./support/packs.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tempDir() {
  const d = await mkdtemp(join(tmpdir(), "pk-staging-"));
  dirs.push(d);
  return d;
}

async function until(check: () => Promise<boolean>, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe("pack installs cut short", () => {
  it("serves only the files pack.json lists from a pack that has one", async () => {
    const t = packsKit();
    await seedPack(t.put, "p", { blank: "blank.png" });
    await t.put("emoji/p/orphan.png", png());
    expect((await t.call("GET", "/emoji/p/blank.png", { token: null })).status).toBe(200);
    expect((await t.call("GET", "/emoji/p/orphan.png", { token: null })).status).toBe(404);
    // Listing it makes it visible at once (the listing cache follows pack.json).
    await t.put("emoji/p/pack.json", JSON.stringify({ files: { blank: "blank.png", orphan: "orphan.png" }, pack: {} }));
    expect((await t.call("GET", "/emoji/p/orphan.png", { token: null })).status).toBe(200);
  });

  it("removes staging and temp files older than the start at start-up, and nothing newer", async () => {
    const root = await tempDir();
    const old = new Date(Date.now() - 3600_000);
    const plant = async (rel: string) => {
      await mkdir(join(root, rel, ".."), { recursive: true });
      await writeFile(join(root, rel), "partial");
      await utimes(join(root, rel), old, old);
    };
    await plant("emoji-staging/0123abcd/a.png");
    await plant("emoji-staging/0123abcd/b.png");
    await plant("emoji/p/.0011223344556677.pk-tmp");
    await plant("backups/.8899aabbccddeeff.pk-tmp");
    await plant("emoji/p/keep.png");
    const t = packsKit({ files: localFileStore(root) });
    const gone = async () => {
      const all = (await readdir(root, { recursive: true })).map(String);
      return !all.some((p) => p.endsWith(".pk-tmp") || p.startsWith("emoji-staging/"));
    };
    expect(await until(gone)).toBe(true);
    expect((await stat(join(root, "emoji/p/keep.png"))).isFile()).toBe(true);
    // An install after start-up works and is not swept.
    await seedPack(t.put, "q", { blank: "blank.png" });
    expect((await t.call("GET", "/emoji/q/blank.png", { token: null })).status).toBe(200);
  });

  it("creates temp files 0600 while a write is in progress", async () => {
    const root = await tempDir();
    const files = localFileStore(root);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const body = new ReadableStream<Uint8Array>({
      async pull(c) {
        c.enqueue(new Uint8Array([1, 2, 3]));
        await gate;
        c.close();
      },
    });
    const writing = files.write("backups/x.zip", body);
    let tempMode = -1;
    await until(async () => {
      const temp = (await readdir(join(root, "backups")).catch(() => [] as string[])).find((n) => n.endsWith(".pk-tmp"));
      if (temp) tempMode = (await stat(join(root, "backups", temp))).mode & 0o777;
      return temp !== undefined;
    });
    release();
    await writing;
    expect(tempMode).toBe(0o600);
    expect((await stat(join(root, "backups/x.zip"))).mode & 0o777).toBe(0o644);
  });
});
