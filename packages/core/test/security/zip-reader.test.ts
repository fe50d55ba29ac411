/**
 * The zip reader's guards one by one, on archives written byte by byte (zip-builder.ts): each test
 * names the check it proves, and fails when that check is removed.
 */
import { describe, expect, it } from "vitest";
import { extractZipEntry, readZipDirectory, safeEntryName, UnsafeArchiveError, type ZipLimits } from "../../src/archives/zip-reader.js";
import { forgeZip, noise, type ForgedEntry } from "./zip-builder.js";

const limits: ZipLimits = { maxEntries: 10, maxTotalBytes: 1_000_000, maxEntryBytes: 500_000 };
const text = (s: string) => new TextEncoder().encode(s);
const file = (name: string, content = "hello", more: Partial<ForgedEntry> = {}): ForgedEntry => ({ name, data: text(content), ...more });

/** Every entry's name and content as text. */
function readAll(zip: Uint8Array, l: ZipLimits = limits): Array<[string, string]> {
  return readZipDirectory(zip, l).map((e) => [e.name, new TextDecoder().decode(extractZipEntry(zip, e))]);
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeArchiveError);
    return (error as UnsafeArchiveError).reason;
  }
  throw new Error("expected an UnsafeArchiveError");
}

/** Patches a little-endian field of a copy of `zip`. */
function patch(zip: Uint8Array, offset: number, value: number, bytes: 2 | 4): Uint8Array {
  const out = Buffer.from(zip);
  if (bytes === 2) out.writeUInt16LE(value, offset);
  else out.writeUInt32LE(value, offset);
  return new Uint8Array(out);
}

describe("zip reader: what real archivers write", () => {
  it("reads entries with extra fields, entry comments and an archive comment", () => {
    const extra = new Uint8Array([0x55, 0x54, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]); // extended timestamp
    const zip = forgeZip({
      entries: [
        file("a.png", "first", { extra, comment: "made by zip 3.0" }),
        file("dir/b.png", "second", { extra, comment: "x", method: 0 }),
        file("c.png", "third"),
      ],
      comment: "archive comment PK\u0005\u0006 is not a record",
    });
    expect(readAll(zip)).toEqual([["a.png", "first"], ["dir/b.png", "second"], ["c.png", "third"]]);
  });

  it("inflates an entry over 64 KiB of incompressible data across many input chunks", () => {
    const big = noise(70_000);
    const small = noise(5000, 7);
    const zip = forgeZip({ entries: [{ name: "big.png", data: big }, { name: "small.png", data: small }] });
    const [a, b] = readZipDirectory(zip, limits);
    expect(a!.compressedSize).toBeGreaterThan(65_536);
    expect(Buffer.compare(extractZipEntry(zip, a!), big)).toBe(0);
    expect(Buffer.compare(extractZipEntry(zip, b!), small)).toBe(0);
  });

  it("reads empty entries, stored and deflated, and a forged zero-byte deflate stream is refused", () => {
    const zip = forgeZip({ entries: [file("e.png", "", { method: 0 }), file("d.png", "")] });
    expect(readAll(zip)).toEqual([["e.png", ""], ["d.png", ""]]);
    // compressed size 0 for a deflated entry: no stream at all, so nothing says it ended well.
    const entry = { name: "d.png", method: 8 as const, compressedSize: 0, size: 1, localOffset: readZipDirectory(zip, limits)[1]!.localOffset };
    expect(refusal(() => extractZipEntry(zip, entry))).toMatch(/shorter than declared|corrupt data/);
  });

  it("skips directories: trailing slash, unix directory mode, DOS directory attribute", () => {
    const zip = forgeZip({
      entries: [
        file("d1/", "", { method: 0 }),
        file("d2", "", { method: 0, madeBy: 3, external: 0o040755 << 16 }),
        file("d3", "", { method: 0, madeBy: 0, external: 0x10 }),
        file("f.png", "x", { madeBy: 3, external: (0o100644 << 16) >>> 0 }),
        file("g.png", "y", { madeBy: 0, external: 0x20 }),
      ],
    });
    expect(readAll(zip)).toEqual([["f.png", "x"], ["g.png", "y"]]);
  });

  it("reads unix mode only from unix archives: a DOS archive's high attribute bits are not a mode", () => {
    const zip = forgeZip({ entries: [file("f.png", "x", { madeBy: 0, external: (0o120777 << 16) >>> 0 })] });
    expect(readAll(zip)).toEqual([["f.png", "x"]]);
  });
});

describe("zip reader: refusals", () => {
  it("refuses a local header whose name differs from the central directory's", () => {
    const zip = forgeZip({ entries: [file("a.png", "x", { localName: "../evil.png" })] });
    const [entry] = readZipDirectory(zip, limits);
    expect(refusal(() => extractZipEntry(zip, entry!))).toMatch(/local header does not match directory: a\.png/);
    const renamed = forgeZip({ entries: [file("a.png", "x", { localName: "b.png" })] });
    expect(refusal(() => extractZipEntry(renamed, readZipDirectory(renamed, limits)[0]!))).toMatch(/does not match/);
  });

  it("refuses duplicate entries", () => {
    const zip = forgeZip({ entries: [file("a.png", "one"), file("b.png"), file("a.png", "two")] });
    expect(refusal(() => readZipDirectory(zip, limits))).toBe("duplicate entry: a.png");
  });

  it("refuses a deflated entry that ends before its declared size, instead of zero-padding it", () => {
    const zip = forgeZip({ entries: [file("a.png", "0123456789", { declaredSize: 11 })] });
    const [entry] = readZipDirectory(zip, limits);
    expect(refusal(() => extractZipEntry(zip, entry!))).toBe("entry is shorter than declared: a.png");
  });

  it("refuses a deflated entry that inflates past its declared size, and a stored one whose sizes differ", () => {
    const zip = forgeZip({ entries: [file("a.png", "0123456789", { declaredSize: 9 }), file("b.png", "abc", { method: 0, declaredSize: 2 })] });
    const [a, b] = readZipDirectory(zip, limits);
    expect(refusal(() => extractZipEntry(zip, a!))).toBe("entry inflates past its declared size: a.png");
    expect(refusal(() => extractZipEntry(zip, b!))).toBe("size mismatch: b.png");
  });

  it("refuses corrupt deflate data", () => {
    const zip = forgeZip({ entries: [file("a.png", "x".repeat(100))] });
    const entry = readZipDirectory(zip, limits)[0]!;
    const broken = Buffer.from(zip);
    broken.fill(0xff, 30 + 5, 30 + 5 + entry.compressedSize); // the deflate stream
    expect(refusal(() => extractZipEntry(new Uint8Array(broken), entry))).toBe("corrupt data: a.png");
  });

  it("refuses a central directory that runs past the end record", () => {
    const good = forgeZip({ entries: [file("a.png")] });
    const cdOffset = readZipDirectory(good, limits)[0]!.compressedSize + 30 + 5;
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [file("a.png")], cdSize: 47 + 5 }), limits))).toBe("corrupt central directory");
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [file("a.png")], cdOffset: cdOffset + 1 }), limits))).toBe("corrupt central directory");
    // exactly up to the end record is fine
    expect(readAll(forgeZip({ entries: [file("a.png")], cdSize: 46 + 5, cdOffset }))).toEqual([["a.png", "hello"]]);
  });

  it("refuses a central directory header with a wrong signature, or one pointing into file data", () => {
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [file("a.png"), file("b.png")], badCdSignatureAt: 1 }), limits))).toBe(
      "corrupt central directory",
    );
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [file("a.png"), file("b.png")], cdOffset: 0, cdSize: 10 }), limits))).toBe(
      "corrupt central directory",
    );
  });

  it("refuses entries that claim more directory headers than the archive holds", () => {
    const zip = forgeZip({ entries: [file("a.png"), file("b.png")] });
    const cdStart = readZipDirectory(zip, limits)[1]!.localOffset + 30 + 5 + readZipDirectory(zip, limits)[1]!.compressedSize;
    // The first header's extra length now jumps past the end of the file.
    expect(refusal(() => readZipDirectory(patch(zip, cdStart + 30, 0xffff, 2), limits))).toBe("corrupt central directory");
    // The end record counts three entries where there are two.
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [file("a.png"), file("b.png")], count: 3 }), limits))).toBe("corrupt central directory");
  });

  it("refuses a local header offset that is not a local header, and an entry running past the end", () => {
    const zip = forgeZip({ entries: [file("a.png")] });
    const entry = readZipDirectory(zip, limits)[0]!;
    expect(refusal(() => extractZipEntry(zip, { ...entry, localOffset: 1 }))).toBe("corrupt local header: a.png");
    expect(refusal(() => extractZipEntry(zip, { ...entry, localOffset: zip.byteLength - 29 }))).toBe("corrupt local header: a.png");
    expect(refusal(() => extractZipEntry(zip, { ...entry, compressedSize: zip.byteLength }))).toBe("truncated entry: a.png");
  });

  it("refuses what is not a zip, ZIP64, multi-disk, encrypted and unknown methods", () => {
    expect(refusal(() => readZipDirectory(noise(100), limits))).toBe("not a ZIP archive");
    expect(refusal(() => readZipDirectory(new Uint8Array(10), limits))).toBe("not a ZIP archive");
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [], count: 0xffff }), limits))).toBe("ZIP64 archives are not supported");
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [file("a.png")], cdOffset: 0xffffffff }), limits))).toBe("ZIP64 archives are not supported");
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [file("a.png")], disk: 1 }), limits))).toBe("multi-disk archives are not supported");
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [file("a.png", "x", { flags: 1 })] }), limits))).toBe("encrypted entry: a.png");
    expect(readAll(forgeZip({ entries: [file("a.png", "x", { flags: 8 })] }))).toEqual([["a.png", "x"]]);
    const bzip = patch(forgeZip({ entries: [file("a.png")] }), 30 + 5 + 7 + 10, 12, 2);
    expect(refusal(() => readZipDirectory(bzip, limits))).toBe("unsupported compression method 12: a.png");
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [file("a.png", "x", { declaredSize: 0xffffffff })] }), limits))).toBe(
      "ZIP64 entries are not supported",
    );
  });

  it("refuses symlinks and devices from a unix archive", () => {
    for (const mode of [0o120777, 0o020644, 0o060644, 0o010644, 0o140644]) {
      const zip = forgeZip({ entries: [file("a.png", "x", { madeBy: 3, external: (mode << 16) >>> 0 })] });
      expect(refusal(() => readZipDirectory(zip, limits))).toBe("not a regular file (symlink or device): a.png");
    }
  });

  it("enforces entry count, entry size and total size at their exact limits", () => {
    const three = forgeZip({ entries: [file("a.png", "12345"), file("b.png", "12345"), file("c.png", "12345")] });
    expect(readZipDirectory(three, { maxEntries: 3, maxEntryBytes: 5, maxTotalBytes: 15 })).toHaveLength(3);
    expect(refusal(() => readZipDirectory(three, { maxEntries: 2, maxEntryBytes: 5, maxTotalBytes: 15 }))).toBe("too many entries (3 > 2)");
    expect(refusal(() => readZipDirectory(three, { maxEntries: 3, maxEntryBytes: 4, maxTotalBytes: 15 }))).toBe("entry too large: a.png");
    expect(refusal(() => readZipDirectory(three, { maxEntries: 3, maxEntryBytes: 5, maxTotalBytes: 14 }))).toBe(
      "archive too large when extracted (over 14 bytes)",
    );
    // directories count as entries but not towards the size
    const dirs = forgeZip({ entries: [file("d/", "", { method: 0 }), file("d/a.png", "12345")] });
    expect(readZipDirectory(dirs, { maxEntries: 2, maxEntryBytes: 5, maxTotalBytes: 5 }).map((e) => e.name)).toEqual(["d/a.png"]);
  });
});

describe("zip entry names", () => {
  it.each([
    ["empty", ""],
    ["a lone slash (empty once the directory slash is dropped)", "/"],
    ["dot", "."],
    ["dot segment", "a/./b.png"],
    ["empty segment", "a//b.png"],
    ["traversal", "a/../b.png"],
    ["absolute", "/a.png"],
    ["over 512 characters", `${"x".repeat(509)}.png`],
    ["a colon", "c:a.png"],
    ["a control character", "a\u001fb.png"],
    ["DEL", "a\u007fb.png"],
  ])("refuses a name with %s", (_, name) => {
    expect(refusal(() => readZipDirectory(forgeZip({ entries: [file(name)] }), limits))).toBe(`unsafe path: ${JSON.stringify(name)}`);
  });

  it("accepts names up to 512 characters, nested paths and non-ASCII", () => {
    const long = `${"x".repeat(508)}.png`;
    expect(long).toHaveLength(512);
    expect(safeEntryName(long)).toBe(long);
    expect(safeEntryName(`${long}x`)).toBeNull();
    expect(safeEntryName("a/b/c.png")).toBe("a/b/c.png");
    expect(safeEntryName("ä/ö.png")).toBe("ä/ö.png");
    expect(safeEntryName("..a/b..png")).toBe("..a/b..png");
    for (const bad of ["", ".", "..", "a/", "/a", "a//b", "a\\b", "a:b", "a\u0000b"]) expect(safeEntryName(bad)).toBeNull();
  });
});
