/**
 * Streams a ZIP archive with fflate, one file at a time, so memory stays at about one read chunk
 * whatever the archive size. The output is deterministic (stored entries, fixed timestamps, the
 * order given), so the same files always give the same bytes and the same SHA-256: the hash a
 * pack advertises matches whatever copy of the archive is served.
 */
import { Zip, ZipPassThrough } from "fflate";

/** One file to put into an archive. `open` is called when the writer reaches it. */
export interface ZipSource {
  readonly name: string;
  open(): Promise<ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array | null>;
}

/** The fixed modification time of every entry (the DOS epoch plus a day: valid in every reader). */
const FIXED_MTIME = new Date(Date.UTC(1980, 0, 2, 0, 0, 0));

/**
 * The archive as an async stream of chunks. A source that returns null fails the stream (the
 * caller decides beforehand which files exist).
 */
export async function* zipStream(sources: Iterable<ZipSource> | AsyncIterable<ZipSource>): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else queue.push(chunk);
  });
  const drain = function* () {
    if (failure) throw failure;
    while (queue.length > 0) yield queue.shift()!;
  };
  for await (const source of sources) {
    const entry = new ZipPassThrough(source.name);
    entry.mtime = FIXED_MTIME;
    zip.add(entry);
    const body = await source.open();
    if (body === null) throw new Error(`archive source missing: ${source.name}`);
    if (body instanceof Uint8Array) {
      entry.push(body, true);
    } else {
      const iterable = body instanceof ReadableStream ? (body as unknown as AsyncIterable<Uint8Array>) : body;
      for await (const chunk of iterable) {
        entry.push(chunk);
        yield* drain();
      }
      entry.push(new Uint8Array(0), true);
    }
    yield* drain();
  }
  zip.end();
  yield* drain();
}
