import { randomBytes } from "node:crypto";
import { constants, mkdirSync, realpathSync } from "node:fs";
import { lstat, mkdir, open, readdir, realpath, rename, rm, rmdir, stat as statPath, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { Readable } from "node:stream";
import type { FileBody, FileStat, FileStore } from "../ports/files.js";
import { safeFileKey } from "./safe-file-key.js";
import { UnsafePathError } from "./unsafe-path-error.js";

/** Files up to this size are read in one call instead of streamed. */
const SMALL_FILE = 256 * 1024;

/** Temp files carry this suffix so `list` never reports a write in progress. */
const TEMP_SUFFIX = ".pk-tmp";

/** Temp files younger than this at start-up may belong to a live write; they are left alone. */
export const STALE_MARGIN_MS = 2000;

/** The mode of a complete file (a static server may serve the folder). */
const FILE_MODE = 0o644;

/**
 * `.<target name>.<random>.pk-tmp`: the target's name in it lets `delete` remove what an
 * interrupted write of that key left (a process killed mid-write), and 180 characters keep the
 * whole name under the usual 255-byte limit.
 */
const tempPrefix = (path: string) => `.${basename(path).slice(0, 180)}.`;

/**
 * A {@link FileStore} on the local filesystem under `rootDir` (created if missing).
 *
 * Every key passes `safeFileKey`, and every path component below the root is checked with
 * `lstat` so a symlink planted inside the root can never redirect a read or write outside it.
 * Writes go to a temp file in the target directory, are fsynced and then renamed over the target,
 * so readers see the old file or the new one; a failed, oversized or aborted write removes its
 * temp file. `move` is one directory rename (atomic on one filesystem).
 *
 * @example
 * const files = localFileStore("./data/files", { publicBaseUrl: "https://media.example" });
 */
export function localFileStore(
  rootDir: string,
  options: {
    publicBaseUrl?: string;
    /**
     * At creation, temp files of interrupted writes not touched for this long are removed (in the
     * background; default 2 s, for file times that lag the clock). A live write touches its temp
     * file with every chunk, so on a folder shared by several instances set this above a write's
     * longest pause (60 s is plenty).
     */
    removeStaleTempFilesAfterMs?: number;
  } = {},
): FileStore {
  mkdirSync(rootDir, { recursive: true });
  const root = realpathSync(rootDir);
  // Temp files of writes cut short by a crash: removed in the background, only those older than
  // this start (less a margin: file times come from a coarser clock than Date.now()), so writes
  // of this process and of other live processes sharing the folder are left alone.
  const sweptBefore = Date.now() - (options.removeStaleTempFilesAfterMs ?? STALE_MARGIN_MS);
  void sweepTempFiles(root, sweptBefore).catch(() => {});

  const keyOf = (k: string): string => {
    const safe = safeFileKey(k);
    if (!safe) throw new UnsafePathError(`unsafe file key: ${JSON.stringify(k)}`);
    return safe;
  };

  /**
   * The absolute path of a key, after checking that no existing component is a symlink: the
   * nearest existing ancestor must be its own realpath (one native call however deep the key),
   * and the final component must not be a link. Missing components are fine (writes create them).
   */
  const resolvePath = async (key: string): Promise<string> => {
    const path = join(root, ...keyOf(key).split("/"));
    const rel = relative(root, path);
    if (rel === "" || rel.startsWith("..") || rel.split(sep).includes("..")) throw new UnsafePathError(`file key escapes root: ${key}`);
    let dir = dirname(path);
    while (dir !== root) {
      const real = await realpath(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT" || e.code === "ENOTDIR") return null;
        throw e;
      });
      if (real !== null) {
        if (real !== dir) throw new UnsafePathError(`refusing symlink in file key: ${key}`);
        break;
      }
      dir = dirname(dir);
    }
    const info = await lstat(path).catch(() => null);
    if (info?.isSymbolicLink()) throw new UnsafePathError(`refusing symlink in file key: ${key}`);
    return path;
  };

  /** Creates the parent directories of `path` one by one, refusing symlinks on the way. */
  const ensureParent = async (path: string): Promise<void> => {
    const parts = relative(root, dirname(path)).split(sep).filter((p) => p !== "");
    let current = root;
    for (const part of parts) {
      current = join(current, part);
      await mkdir(current).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "EEXIST") throw e;
      });
      const info = await lstat(current);
      if (!info.isDirectory()) throw new UnsafePathError(`not a directory: ${relative(root, current)}`);
    }
  };

  /** Removes now-empty directories from `dir` up to (not including) the root. */
  const pruneEmpty = async (dir: string): Promise<void> => {
    let current = dir;
    while (current !== root && current.startsWith(root + sep)) {
      try {
        await rmdir(current);
      } catch {
        return;
      }
      current = dirname(current);
    }
  };

  const walk = async (dir: string, out: string[]): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT" || e.code === "ENOTDIR") return [];
      throw e;
    });
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, out);
      else if (entry.isFile() && !entry.name.endsWith(TEMP_SUFFIX)) {
        // Names a key could never have (backslashes, control characters) are invisible too.
        const key = relative(root, full).split(sep).join("/");
        if (safeFileKey(key) === key) out.push(key);
      }
    }
  };

  /** Removes temp files of interrupted writes of `path`; true when there were any. */
  const removeTempFilesOf = async (path: string): Promise<boolean> => {
    const prefix = tempPrefix(path);
    const names = await readdir(dirname(path)).catch(() => [] as string[]);
    const stale = names.filter((n) => n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX));
    for (const name of stale) await unlink(join(dirname(path), name)).catch(() => {});
    return stale.length > 0;
  };


  return {
    async write(k, body, opts = {}) {
      const path = await resolvePath(k);
      await ensureParent(path);
      const temp = join(dirname(path), `${tempPrefix(path)}${randomBytes(8).toString("hex")}${TEMP_SUFFIX}`);
      // 0600 while partial (a half-written backup is private data); the finished file gets 0644.
      let handle: FileHandle | null = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
      try {
        let size = 0;
        const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
        for await (const chunk of chunksOf(body)) {
          opts.signal?.throwIfAborted();
          size += chunk.byteLength;
          if (size > max) throw new RangeError("file too large");
          await handle.write(chunk);
        }
        opts.signal?.throwIfAborted();
        await handle.sync();
        await handle.chmod(FILE_MODE);
        await handle.close();
        handle = null;
        const target = await lstat(path).catch(() => null);
        if (target && !target.isFile()) throw new Error(`not a regular file: ${k}`);
        await rename(temp, path);
        const info = await lstat(path);
        return { size: info.size, modifiedAt: info.mtime };
      } catch (error) {
        await handle?.close().catch(() => {});
        await unlink(temp).catch(() => {});
        throw error;
      }
    },

    async read(k) {
      const path = await resolvePath(k);
      let handle: FileHandle;
      try {
        handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ELOOP") throw new UnsafePathError(`refusing symlink in file key: ${k}`);
        if (code === "ENOENT" || code === "ENOTDIR") return null;
        throw e;
      }
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      if (info.size <= SMALL_FILE) {
        // Emoji-sized files: one read beats setting up a stream (about 6x for 16 KB files).
        const data = await handle.readFile().finally(() => handle.close());
        return new ReadableStream<Uint8Array>({
          start(c) {
            if (data.byteLength > 0) c.enqueue(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
            c.close();
          },
        });
      }
      return Readable.toWeb(handle.createReadStream()) as unknown as ReadableStream<Uint8Array>;
    },

    async stat(k): Promise<FileStat | null> {
      const path = await resolvePath(k);
      const info = await lstat(path).catch(() => null);
      return info?.isFile() ? { size: info.size, modifiedAt: info.mtime } : null;
    },

    async delete(k) {
      const path = await resolvePath(k);
      const info = await lstat(path).catch(() => null);
      const leftovers = await removeTempFilesOf(path);
      if (!info) return leftovers;
      if (info.isDirectory()) {
        const keys: string[] = [];
        await walk(path, keys);
        await rm(path, { recursive: true, force: true });
        await pruneEmpty(dirname(path));
        return keys.length > 0;
      }
      await unlink(path);
      await pruneEmpty(dirname(path));
      return true;
    },

    async list(prefix) {
      const path = await resolvePath(prefix);
      const info = await lstat(path).catch(() => null);
      if (!info) return [];
      if (info.isFile()) return [keyOf(prefix)];
      const out: string[] = [];
      if (info.isDirectory()) await walk(path, out);
      return out.sort();
    },

    async move(from, to) {
      const src = await resolvePath(from);
      const dst = await resolvePath(to);
      if (await lstat(dst).catch(() => null)) throw new Error(`move target exists: ${keyOf(to)}`);
      if (!(await lstat(src).catch(() => null))) throw new Error(`move source missing: ${keyOf(from)}`);
      await ensureParent(dst);
      await rename(src, dst);
      await pruneEmpty(dirname(src));
    },

    publicUrl(k) {
      return options.publicBaseUrl ? `${options.publicBaseUrl.replace(/\/$/, "")}/${keyOf(k)}` : null;
    },
  };
}

/** Removes `*.pk-tmp` files under `dir` last modified before `before` (ms); never follows links. */
export async function sweepTempFiles(dir: string, before: number): Promise<number> {
  let removed = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) removed += await sweepTempFiles(full, before);
    else if (entry.isFile() && entry.name.endsWith(TEMP_SUFFIX)) {
      const info = await lstat(full).catch(() => null);
      if (info && info.mtimeMs < before && (await unlink(full).then(() => true, () => false))) removed++;
    }
  }
  return removed;
}

async function* chunksOf(body: FileBody): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  yield* body instanceof ReadableStream ? (body as unknown as AsyncIterable<Uint8Array>) : body;
}
