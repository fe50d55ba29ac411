/**
 * A zip archive as an async stream, built with fflate's streaming `Zip`: each entry's content is
 * deflated as it is pulled, and the compressed bytes are handed on before the next chunk is read.
 * Memory holds one input chunk and fflate's deflate window, whatever the archive's size.
 */
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

/** One file of the archive; `content` is read once, in order. */
export interface ZipEntry {
  readonly name: string;
  readonly content: AsyncIterable<Uint8Array>;
}

/** Options for {@link zipStream}. */
export interface ZipStreamOptions {
  /** Modification time recorded for every entry. */
  readonly modifiedAt?: Date;
  /** Stops producing (the iteration throws) once aborted. */
  readonly signal?: AbortSignal;
  /** Deflate level, 0-9. Default 6. */
  readonly level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /**
   * Store entries uncompressed (method 0) instead of deflating: for content that is already
   * compressed (emoji images), about four times faster than deflate level 0. `level` is ignored.
   */
  readonly store?: boolean;
}

/**
 * Streams a zip of `entries`. Pull-driven: nothing is read from an entry until the consumer asks
 * for more output, so a slow writer (a file store) slows the reader (the database) down instead
 * of letting output pile up.
 *
 * @example
 * await files.write("backups/a.zip", zipStream([{ name: "a.json", content: jsonChunks() }]));
 */
export async function* zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, options: ZipStreamOptions = {}): AsyncGenerator<Uint8Array> {
  // fflate calls back synchronously from push/end; the queue only ever holds one push's output.
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  const flush = function* (): Generator<Uint8Array> {
    if (failure) throw failure;
    while (out.length > 0) yield out.shift()!;
  };
  try {
    for await (const entry of entries) {
      options.signal?.throwIfAborted();
      const file = options.store ? new ZipPassThrough(entry.name) : new ZipDeflate(entry.name, { level: options.level ?? 6 });
      if (options.modifiedAt) file.mtime = options.modifiedAt;
      zip.add(file);
      for await (const chunk of entry.content) {
        options.signal?.throwIfAborted();
        if (chunk.byteLength === 0) continue;
        file.push(chunk);
        yield* flush();
      }
      file.push(new Uint8Array(0), true);
      yield* flush();
    }
    options.signal?.throwIfAborted();
    zip.end();
    yield* flush();
  } finally {
    out.length = 0;
    zip.terminate();
  }
}
