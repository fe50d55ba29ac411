import { zipSync, strToU8, deflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { extractZipEntry, readZipDirectory, UnsafeArchiveError, zipStream } from "../src/internal.js";

const limits = { maxEntries: 100, maxTotalBytes: 1_000_000, maxEntryBytes: 500_000 };

async function collect(it: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of it) parts.push(c);
  return new Uint8Array(Buffer.concat(parts));
}

/** Rewrites a name inside a zip made by fflate (same length), to forge names fflate would not write. */
function renameEntry(zip: Uint8Array, from: string, to: string): Uint8Array {
  const out = Buffer.from(zip);
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  expect(b.length).toBe(a.length);
  let i = out.indexOf(a);
  while (i >= 0) {
    b.copy(out, i);
    i = out.indexOf(a, i + 1);
  }
  return new Uint8Array(out);
}

describe("zip reading", () => {
  it("reads back what the streaming writer wrote, byte-identical across builds", async () => {
    async function* once(data: string) {
      yield strToU8(data);
    }
    const sources = () => [
      { name: "pack.json", content: once('{"files":{}}') },
      { name: "sub/a.png", content: once("AAAA") },
    ];
    const options = { modifiedAt: new Date(Date.UTC(1980, 0, 2)), level: 0 } as const;
    const first = await collect(zipStream(sources(), options));
    const second = await collect(zipStream(sources(), options));
    expect(Buffer.compare(first, second)).toBe(0);
    const entries = readZipDirectory(first, limits);
    expect(entries.map((e) => e.name)).toEqual(["pack.json", "sub/a.png"]);
    expect(new TextDecoder().decode(extractZipEntry(first, entries[1]!))).toBe("AAAA");
  });

  it("inflates deflated entries and skips directories", () => {
    const zip = zipSync({ "dir/": new Uint8Array(0), "dir/x.txt": [strToU8("x".repeat(1000)), { level: 9 }] });
    const entries = readZipDirectory(zip, limits);
    expect(entries.map((e) => [e.name, e.method])).toEqual([["dir/x.txt", 8]]);
    expect(extractZipEntry(zip, entries[0]!).byteLength).toBe(1000);
  });

  it.each([
    ["traversal", "aa/../../x", "aa/../../x"],
    ["absolute", "/etc/passwdX", "/etc/passwdX"],
    ["backslash", "a\\..\\b.png", "a\\..\\b.png"],
    ["drive letter", "C:/x.png", "C:/x.png"],
    ["NUL", "a\u0000b.png", "a\u0000b.png"],
  ])("refuses an entry with %s", (_, name) => {
    const placeholder = "p".repeat(Buffer.byteLength(name));
    const zip = renameEntry(zipSync({ [placeholder]: strToU8("x") }), placeholder, name);
    expect(() => readZipDirectory(zip, limits)).toThrow(UnsafeArchiveError);
  });

  it("refuses a symlink entry (unix mode in the external attributes)", () => {
    const zip = zipSync({ "link.png": [strToU8("/etc/passwd"), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    expect(() => readZipDirectory(zip, limits)).toThrow(/symlink/);
    const regular = zipSync({ "file.png": [strToU8("x"), { os: 3, attrs: (0o100644 << 16) >>> 0 }] });
    expect(readZipDirectory(regular, limits)).toHaveLength(1);
  });

  it("caps entry count and declared sizes before inflating anything", () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.png`, strToU8("x")])));
    expect(() => readZipDirectory(many, { ...limits, maxEntries: 10 })).toThrow(/too many entries/);
    const big = zipSync({ "a.png": new Uint8Array(600), "b.png": new Uint8Array(600) });
    expect(() => readZipDirectory(big, { ...limits, maxTotalBytes: 1000 })).toThrow(/too large/);
    expect(() => readZipDirectory(big, { ...limits, maxEntryBytes: 500 })).toThrow(/too large/);
  });

  it("refuses an entry whose header lies about its size (bomb), while inflating", () => {
    const payload = new Uint8Array(1_000_000);
    const zip = zipSync({ "bomb.png": [payload, { level: 9 }] });
    // Forge the declared size in the central directory to 100 bytes.
    const view = new DataView(zip.buffer);
    let cd = zip.length - 22;
    cd = view.getUint32(cd + 16, true);
    view.setUint32(cd + 24, 100, true);
    const entries = readZipDirectory(zip, limits);
    expect(entries[0]!.size).toBe(100);
    expect(() => extractZipEntry(zip, entries[0]!)).toThrow(/past its declared size/);
  });

  it("refuses garbage and truncated archives", () => {
    expect(() => readZipDirectory(strToU8("not a zip at all, not even close"), limits)).toThrow(UnsafeArchiveError);
    const zip = zipSync({ "a.png": [deflateSync(new Uint8Array(1000)), { level: 0 }] });
    expect(() => readZipDirectory(zip.subarray(0, zip.length - 30), limits)).toThrow(UnsafeArchiveError);
  });
});
