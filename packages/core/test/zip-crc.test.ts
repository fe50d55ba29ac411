/** Issue 15 item 9: an entry whose bytes do not match its CRC-32 is refused while inflating. */
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { extractZipEntry, readZipDirectory, UnsafeArchiveError } from "../src/internal.js";
import { packsKit, png, seedPack } from "./support/packs.js";

const limits = { maxEntries: 100, maxTotalBytes: 1_000_000, maxEntryBytes: 500_000 };

/** Flips one byte of the entry's stored data (level 0: the data is the file as is). */
function corruptStored(zip: Uint8Array, marker: string): Uint8Array {
  const out = Buffer.from(zip);
  const i = out.indexOf(Buffer.from(marker));
  expect(i).toBeGreaterThan(0);
  out[i] = out[i]! ^ 0xff;
  return new Uint8Array(out);
}

/** Replaces the CRC-32 in every header of a one-entry zip (local at 14, central directory at 16). */
function wrongCrc(zip: Uint8Array): Uint8Array {
  const out = Buffer.from(zip);
  out.writeUInt32LE(0xdeadbeef, 14);
  const cd = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  out.writeUInt32LE(0xdeadbeef, cd + 16);
  return new Uint8Array(out);
}

describe("zip CRC-32", () => {
  it("refuses stored and deflated entries whose bytes do not match their CRC", () => {
    const stored = corruptStored(zipSync({ "a.txt": [strToU8("hello MARKER world"), { level: 0 }] }), "MARKER");
    const [s] = readZipDirectory(stored, limits);
    expect(() => extractZipEntry(stored, s!)).toThrow(/CRC-32 mismatch/);
    const deflated = wrongCrc(zipSync({ "b.txt": [strToU8("x".repeat(5000)), { level: 9 }] }));
    const [d] = readZipDirectory(deflated, limits);
    expect(() => extractZipEntry(deflated, d!)).toThrow(UnsafeArchiveError);
    const good = zipSync({ "c.txt": [strToU8("fine"), { level: 9 }] });
    expect(new TextDecoder().decode(extractZipEntry(good, readZipDirectory(good, limits)[0]!))).toBe("fine");
  });

  it("installs nothing from a pack zip with a corrupted entry (422)", async () => {
    const t = packsKit();
    await seedPack(t.put, "p", {});
    const before = await t.snapshot();
    const image = png("MARKERxyz");
    const zip = corruptStored(zipSync({ "good.png": [png(), { level: 0 }], "bad.png": [image, { level: 0 }] }), "MARKERxyz");
    const res = await t.call("POST", "/api/v1/pleroma/emoji/packs/files?name=p", { body: t.form({ file: [zip, "e.zip", "application/zip"] }) });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/CRC/);
    expect(await t.snapshot()).toEqual(before);
  });
});
