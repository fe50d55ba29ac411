import type { FileBody, FileStat, FileStore } from "../ports/files.js";
import { safeFileKey } from "./safe-file-key.js";

/** Files in memory (tests, the demo's memory mode). Writes are buffered, then swapped in at once. */
export function memoryFileStore(options: { publicBaseUrl?: string } = {}): FileStore {
  const files = new Map<string, { data: Uint8Array; modifiedAt: Date }>();
  const key = (k: string) => {
    const safe = safeFileKey(k);
    if (!safe) throw new TypeError(`unsafe file key: ${JSON.stringify(k)}`);
    return safe;
  };
  const under = (prefix: string) => [...files.keys()].filter((k) => k === prefix || k.startsWith(`${prefix}/`));

  return {
    async write(k, body, opts = {}) {
      const data = await collect(body, opts.maxBytes, opts.signal);
      files.set(key(k), { data, modifiedAt: new Date() });
      return { size: data.byteLength, modifiedAt: files.get(key(k))!.modifiedAt };
    },
    async read(k) {
      const f = files.get(key(k));
      if (!f) return null;
      const data = f.data;
      return new ReadableStream({
        start(c) {
          c.enqueue(data.slice());
          c.close();
        },
      });
    },
    async stat(k): Promise<FileStat | null> {
      const f = files.get(key(k));
      return f ? { size: f.data.byteLength, modifiedAt: f.modifiedAt } : null;
    },
    async delete(k) {
      const keys = under(key(k));
      for (const x of keys) files.delete(x);
      return keys.length > 0;
    },
    async list(prefix) {
      return under(key(prefix)).sort();
    },
    async move(from, to) {
      const src = key(from);
      const dst = key(to);
      if (under(dst).length > 0) throw new Error(`move target exists: ${dst}`);
      for (const k of under(src)) {
        files.set(dst + k.slice(src.length), files.get(k)!);
        files.delete(k);
      }
    },
    publicUrl(k) {
      return options.publicBaseUrl ? `${options.publicBaseUrl.replace(/\/$/, "")}/${key(k)}` : null;
    },
  };
}

/** Reads a body into one buffer, refusing more than `maxBytes`. */
export async function collect(body: FileBody, maxBytes = Number.POSITIVE_INFINITY, signal?: AbortSignal): Promise<Uint8Array> {
  if (body instanceof Uint8Array) {
    if (body.byteLength > maxBytes) throw new RangeError("file too large");
    return body.slice();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const iterable: AsyncIterable<Uint8Array> =
    body instanceof ReadableStream ? (body as unknown as AsyncIterable<Uint8Array>) : body;
  for await (const chunk of iterable) {
    signal?.throwIfAborted();
    total += chunk.byteLength;
    if (total > maxBytes) throw new RangeError("file too large");
    chunks.push(chunk);
  }
  signal?.throwIfAborted();
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
