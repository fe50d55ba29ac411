import { strToU8, unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { zipStream } from "../../src/internal.js";

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield strToU8(p);
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of stream) parts.push(c);
  return Buffer.concat(parts);
}

describe("zipStream", () => {
  it("writes entries that unzip to their content, in order", async () => {
    const zip = await collect(
      zipStream([
        { name: "a.json", content: chunks('{"a":', "1}") },
        { name: "empty.txt", content: chunks() },
        { name: "b.txt", content: chunks("x".repeat(200_000), "y") },
      ]),
    );
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(["a.json", "empty.txt", "b.txt"]);
    expect(strFromU8(files["a.json"]!)).toBe('{"a":1}');
    expect(files["empty.txt"]!.byteLength).toBe(0);
    expect(strFromU8(files["b.txt"]!)).toBe(`${"x".repeat(200_000)}y`);
  });

  it("is pull-driven: an entry is not read ahead of the consumer", async () => {
    let produced = 0;
    async function* counting(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 1000; i++) {
        produced++;
        // Incompressible-ish data so deflate emits output as it goes.
        yield Uint8Array.from({ length: 70_000 }, (_, j) => (j * 7919 + i * 104729) & 0xff);
      }
    }
    const iterator = zipStream([{ name: "big.bin", content: counting() }])[Symbol.asyncIterator]();
    for (let i = 0; i < 3; i++) await iterator.next();
    expect(produced).toBeLessThan(10);
    await iterator.return?.(undefined);
  });

  it("stops with the abort reason once the signal fires", async () => {
    const controller = new AbortController();
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (let i = 0; ; i++) {
        if (i === 3) controller.abort(new Error("stop"));
        yield strToU8(`chunk ${i}\n`);
      }
    }
    await expect(collect(zipStream([{ name: "x.txt", content: endless() }], { signal: controller.signal }))).rejects.toThrow("stop");
  });
});
