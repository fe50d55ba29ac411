/**
 * File storage for the library's files (emoji pack files, backup archives, uploads). Keys are
 * relative, slash-separated paths validated by `safeFileKey` before any implementation sees them.
 */

/** What `write` and `stat` report about a file. */
export interface FileStat {
  readonly size: number;
  readonly modifiedAt: Date;
}

/** What `write` accepts: bytes, a web stream or an async iterable of chunks. */
export type FileBody = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Where the library keeps its files. Core ships `localFileStore(dir)` (a directory; survives
 * restarts) and `memoryFileStore()` (tests, throwaway demos). Writes are atomic per key, so
 * parallel writers of one key leave one complete file; `move` installs a staged directory in one
 * step where the backend allows.
 *
 * @example
 * const files = localFileStore("/var/lib/social/pleroma-kit");
 * await files.write("backups/archive-abc.zip", bytes);
 * const stream = await files.read("backups/archive-abc.zip"); // null when absent
 */
export interface FileStore {
  /**
   * Writes a file. Atomic: readers see the old content or the new, never a partial file; a failed
   * or aborted write leaves nothing behind. Streams are consumed as they arrive (bounded memory).
   */
  write(key: string, body: FileBody, options?: { signal?: AbortSignal; maxBytes?: number }): Promise<FileStat>;
  /** A stream of the file, or null when absent. */
  read(key: string): Promise<ReadableStream<Uint8Array> | null>;
  stat(key: string): Promise<FileStat | null>;
  /** True when something was deleted. Deleting a "directory" prefix deletes everything below it. */
  delete(key: string): Promise<boolean>;
  /** Keys below `prefix` (recursive), sorted. */
  list(prefix: string): Promise<string[]>;
  /**
   * Moves every key below `from` to `to` in one step where the backend allows (a directory rename on
   * a filesystem): used to install a staged pack only when complete. Fails if `to` exists.
   */
  move(from: string, to: string): Promise<void>;
  /** A public URL when files are served by another server (CDN, static host); null when not. */
  publicUrl(key: string): string | null;
}
