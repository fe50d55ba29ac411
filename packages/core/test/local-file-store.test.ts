import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localFileStore } from "../src/index.js";
import { UnsafePathError } from "../src/files/unsafe-path-error.js";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pk-lfs-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** Every path below `dir`, files and directories, relative and sorted. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

const text = async (s: ReadableStream<Uint8Array> | null) => (s ? await new Response(s).text() : null);
const bytes = (s: string) => new TextEncoder().encode(s);

describe("localFileStore", () => {
  it("writes, reads, stats, lists and deletes files, pruning empty directories", async () => {
    const root = await tempDir();
    const files = localFileStore(join(root, "store"));
    await files.write("emoji/blobs/a.png", bytes("A"));
    await files.write("emoji/blobs/sub/b.png", bytes("BB"));
    expect(await text(await files.read("emoji/blobs/a.png"))).toBe("A");
    expect(await files.stat("emoji/blobs/sub/b.png")).toMatchObject({ size: 2 });
    expect(await files.list("emoji")).toEqual(["emoji/blobs/a.png", "emoji/blobs/sub/b.png"]);
    expect(await files.delete("emoji/blobs/sub/b.png")).toBe(true);
    expect(await tree(join(root, "store"))).toEqual(["emoji", "emoji/blobs", "emoji/blobs/a.png"]);
    expect(await files.delete("emoji/blobs")).toBe(true);
    expect(await files.delete("emoji/blobs")).toBe(false);
    expect(await files.read("emoji/blobs/a.png")).toBeNull();
    expect(await files.stat("nothing")).toBeNull();
  });

  it("streams a write and replaces the old content atomically", async () => {
    const root = await tempDir();
    const files = localFileStore(root);
    await files.write("f.bin", bytes("old"));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes("ne"));
        c.enqueue(bytes("w"));
        c.close();
      },
    });
    expect(await files.write("f.bin", stream)).toMatchObject({ size: 3 });
    expect(await readFile(join(root, "f.bin"), "utf8")).toBe("new");
    expect(await tree(root)).toEqual(["f.bin"]);
  });

  it("an oversized write fails, keeps the old file and leaves no temp file", async () => {
    const root = await tempDir();
    const files = localFileStore(root);
    await files.write("d/f.bin", bytes("old"));
    async function* big() {
      for (let i = 0; i < 10; i++) yield new Uint8Array(100);
    }
    await expect(files.write("d/f.bin", big(), { maxBytes: 500 })).rejects.toThrow(RangeError);
    expect(await readFile(join(root, "d/f.bin"), "utf8")).toBe("old");
    expect(await tree(root)).toEqual(["d", "d/f.bin"]);
  });

  it("an aborted write leaves nothing", async () => {
    const root = await tempDir();
    const files = localFileStore(root);
    const controller = new AbortController();
    async function* slow() {
      yield bytes("part");
      controller.abort();
      yield bytes("rest");
    }
    await expect(files.write("new/f.bin", slow(), { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(await files.list("new")).toEqual([]);
    expect((await tree(root)).filter((p) => p.includes(".pk-tmp"))).toEqual([]);
    expect(await files.stat("new/f.bin")).toBeNull();
  });

  it.each(["../escape.txt", "a/../../escape.txt", "/etc/passwd", "a\\..\\b", "C:/x", "a/\u0000b", "", "a//b", "./a"])(
    "refuses the hostile key %j and writes nothing",
    async (key) => {
      const root = await tempDir();
      const files = localFileStore(join(root, "store"));
      await expect(files.write(key, bytes("x"))).rejects.toThrow(new UnsafePathError(`unsafe file key: ${JSON.stringify(key)}`));
      await expect(files.read(key)).rejects.toThrow(new UnsafePathError(`unsafe file key: ${JSON.stringify(key)}`));
      expect(await tree(root)).toEqual(["store"]);
    },
  );

  it("refuses to follow a symlink planted inside the root, for reads, writes, lists and moves", async () => {
    const root = await tempDir();
    const outside = join(root, "outside");
    await mkdir(outside);
    await writeFile(join(outside, "secret.txt"), "secret");
    const storeDir = join(root, "store");
    await mkdir(storeDir);
    await symlink(outside, join(storeDir, "link"));
    await symlink(join(outside, "secret.txt"), join(storeDir, "file-link"));
    const files = localFileStore(storeDir);
    await expect(files.read("link/secret.txt")).rejects.toThrow(/symlink/);
    await expect(files.read("file-link")).rejects.toThrow(/symlink/);
    await expect(files.write("link/new.txt", bytes("x"))).rejects.toThrow(/symlink/);
    await expect(files.list("link")).rejects.toThrow(/symlink/);
    await files.write("real/a.txt", bytes("a"));
    await expect(files.move("real", "link/moved")).rejects.toThrow(/symlink/);
    expect(await readdir(outside)).toEqual(["secret.txt"]);
    // Symlinks are invisible to listings of the root.
    expect(await files.list("real")).toEqual(["real/a.txt"]);
  });

  it("moves a directory in one rename and refuses an existing target", async () => {
    const root = await tempDir();
    const files = localFileStore(root);
    await files.write("staging/x/a.png", bytes("a"));
    await files.write("staging/x/sub/b.png", bytes("b"));
    await files.move("staging/x", "emoji/pack");
    expect(await files.list("emoji")).toEqual(["emoji/pack/a.png", "emoji/pack/sub/b.png"]);
    expect(await tree(root)).not.toContain("staging");
    await files.write("staging/y/c.png", bytes("c"));
    await expect(files.move("staging/y", "emoji/pack")).rejects.toThrow(/exists/);
    expect(await files.list("emoji")).toEqual(["emoji/pack/a.png", "emoji/pack/sub/b.png"]);
  });

  it("builds public URLs only when configured", async () => {
    const root = await tempDir();
    expect(localFileStore(root).publicUrl("a/b.png")).toBeNull();
    expect(localFileStore(root, { publicBaseUrl: "https://cdn.example/" }).publicUrl("a/b.png")).toBe("https://cdn.example/a/b.png");
  });
});
