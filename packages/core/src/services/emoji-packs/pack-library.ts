/**
 * Pack state on the FileStore: `emoji/<pack>/pack.json` plus the image files (content.md 1.1).
 * Owns the per-pack lock, the change counter the emoji catalog watches, and the archive cache.
 */
import { createHash, randomBytes } from "node:crypto";
import type { FileStore } from "../../ports/files.js";
import type { ChangeSignals, Locks } from "../../ports/coordination.js";
import type { Logger } from "../../ports/infrastructure.js";
import { zipStream, type ZipEntry } from "../../archives/zip-stream.js";
import { collect } from "../../files/memory-file-store.js";
import { safeFileKey } from "../../files/safe-file-key.js";
import { isUnsafePathError } from "../../files/unsafe-path-error.js";

/** The `pack` metadata object, free-form as Akkoma stores it. */
export type PackMeta = Record<string, unknown>;

/** A pack as read from its pack.json. */
export interface StoredPack {
  readonly name: string;
  readonly meta: PackMeta;
  /** shortcode -> path relative to the pack directory. */
  readonly files: Readonly<Record<string, string>>;
  /** The pack.json bytes, for the archive and its fingerprint. */
  readonly raw: Uint8Array;
}

/** Whether a pack can be downloaded, and the archive's hash when it can (content.md 1.5). */
export interface ArchiveInfo {
  readonly downloadable: boolean;
  readonly sha256: string | null;
}

interface CacheEntry {
  readonly fingerprint: string;
  readonly sha256: string;
  readonly bytes: Uint8Array | null;
}

/** The FileStore prefix packs live under, as Akkoma's `<static>/emoji/`. */
export const PACKS_ROOT = "emoji";
/** Every archive entry's time: the DOS epoch plus a day, valid in every zip reader. */
const FIXED_MTIME = new Date(Date.UTC(1980, 0, 2));
const STAGING_ROOT = "emoji-staging";

/** Tuning of the library; the defaults suit a small instance. */
export interface PackLibraryOptions {
  /** Archives up to this size are kept in memory once built. Default 32 MB. */
  readonly cacheArchiveBytes?: number;
  /** Total memory the archive cache may hold. Default 64 MB. */
  readonly cacheTotalBytes?: number;
  /**
   * Serialises edits of one pack across instances sharing the files (an in-process lock is
   * always taken first, so one instance holds at most one cross-instance lock per pack).
   */
  readonly locks?: Locks;
  /** Tells other instances that packs changed, and hears their changes. */
  readonly signals?: ChangeSignals;
  /** Where skipped packs and dropped pack.json entries are reported. */
  readonly logger?: Logger;
}

/** The channel pack changes are published on. */
export const PACKS_CHANGED = "pleroma_kit_emoji_packs";

/**
 * The pack store. Edits of one pack run one at a time through {@link withLock}: an in-process
 * mutex, then the `locks` option's lock (PostgreSQL advisory locks when several instances share
 * one volume), so two admins editing one pack through any instances never lose an edit.
 */
export class PackLibrary {
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly archives = new Map<string, CacheEntry>();
  private readonly listings = new Map<string, { fingerprint: string; paths: Set<string> }>();
  private changeCount = 0;

  constructor(
    readonly files: FileStore,
    private readonly options: PackLibraryOptions = {},
  ) {
    // Another instance's change: count it (the catalog re-reads) and drop cached archives.
    options.signals?.subscribe(PACKS_CHANGED, () => {
      this.changeCount++;
      this.archives.clear();
    });
  }

  /** Increases on every change made through the library; the emoji catalog re-reads when it moves. */
  get version(): number {
    return this.changeCount;
  }

  /** Marks that pack state changed (drops the pack's cached archive). */
  changed(name?: string): void {
    this.changeCount++;
    if (name !== undefined) this.archives.delete(name);
    void this.options.signals?.publish(PACKS_CHANGED).catch(() => {});
  }

  /**
   * Forgets everything cached about pack state (every archive hash, and the catalog through the
   * change counter), for changes made outside this process: another instance, a shell.
   */
  reload(): void {
    this.changeCount++;
    this.archives.clear();
  }

  /** Runs `fn` while holding the pack's lock; calls for one pack run in arrival order. */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(name) ?? Promise.resolve();
    const shared = this.options.locks;
    const guarded = shared ? () => shared.withLock(`emoji-pack:${name}`, fn) : fn;
    const run = previous.then(guarded, guarded);
    const tail = run.catch(() => {});
    this.locks.set(name, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(name) === tail) this.locks.delete(name);
    }
  }

  /** The FileStore key of a file in a pack; null when the path is not a safe key. */
  key(name: string, path?: string): string | null {
    return safeFileKey(path === undefined ? `${PACKS_ROOT}/${name}` : `${PACKS_ROOT}/${name}/${path}`);
  }

  /** Every pack directory with its files (paths relative to the pack), in name order. */
  async directories(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const key of await this.files.list(PACKS_ROOT)) {
      const rest = key.slice(PACKS_ROOT.length + 1);
      const slash = rest.indexOf("/");
      if (slash < 0) continue; // loose files directly in emoji/ are ignored
      const name = rest.slice(0, slash);
      const list = out.get(name) ?? [];
      list.push(rest.slice(slash + 1));
      out.set(name, list);
    }
    return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /**
   * An existing pack whose name differs from `name` only by case or Unicode normalisation
   * (`Café`, `CAFÉ`, `Cafe\u0301`), or null: such names would be told apart by the filesystem
   * but not by people, so a new pack may not take one.
   */
  async lookAlike(name: string): Promise<string | null> {
    const folded = foldPackName(name);
    for (const existing of (await this.directories()).keys()) {
      if (existing !== name && foldPackName(existing) === folded) return existing;
    }
    return null;
  }

  /**
   * True when anything exists under the pack's directory. A pack folder that is a symlink counts
   * as existing (nothing may be created over it) and is logged.
   */
  async exists(name: string): Promise<boolean> {
    const key = this.key(name);
    if (key === null) return false;
    try {
      return (await this.files.list(key)).length > 0;
    } catch (error) {
      if (!isUnsafePathError(error)) throw error;
      this.options.logger?.warn("emoji pack folder is a symlink; ignored", { pack: name });
      return true;
    }
  }

  /**
   * The pack, or null when there is no readable pack.json (missing or invalid JSON) or the pack
   * folder is a symlink (skipped, logged). Entries whose path is absolute or climbs out (`..`)
   * are dropped on load (logged), so no caller ever builds a key from them.
   */
  async load(name: string): Promise<StoredPack | null> {
    const key = this.key(name, "pack.json");
    if (!key) return null;
    let stream: ReadableStream<Uint8Array> | null;
    try {
      stream = await this.files.read(key);
    } catch (error) {
      if (!isUnsafePathError(error)) throw error;
      this.options.logger?.warn("emoji pack folder is a symlink; skipped", { pack: name });
      return null;
    }
    if (!stream) return null;
    const raw = await collect(stream);
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(raw));
      if (!isObject(parsed)) return null;
      const meta = isObject(parsed.pack) ? parsed.pack : {};
      const files: Record<string, string> = {};
      if (isObject(parsed.files)) {
        const dropped: string[] = [];
        for (const [code, path] of Object.entries(parsed.files)) {
          if (typeof path !== "string") continue;
          if (safeFileKey(path) === path) files[code] = path;
          else dropped.push(code);
        }
        if (dropped.length > 0) this.options.logger?.warn("emoji pack.json lists unsafe paths; entries dropped", { pack: name, shortcodes: dropped.slice(0, 20) });
      }
      return { name, meta, files, raw };
    } catch {
      return null;
    }
  }

  /** Writes pack.json atomically (the FileStore's write is atomic) in Akkoma's layout. */
  async save(name: string, meta: PackMeta, files: Readonly<Record<string, string>>): Promise<void> {
    const key = this.key(name, "pack.json");
    if (!key) throw new TypeError(`unsafe pack name ${JSON.stringify(name)}`);
    await this.files.write(key, packJsonBytes(meta, files));
    this.changed(name);
  }

  /**
   * True when `path` may be served from the pack: listed in its pack.json, or the pack has no
   * pack.json (emoji.txt and plain folders serve their files, as in Akkoma). The listing is cached
   * per pack while pack.json's size and time are unchanged (one stat per request).
   */
  async isListed(name: string, path: string): Promise<boolean> {
    const key = this.key(name, "pack.json");
    if (!key) return false;
    const stat = await this.files.stat(key).catch((e: unknown) => (isUnsafePathError(e) ? null : Promise.reject(e)));
    if (!stat) return true;
    const fingerprint = `${stat.size}:${stat.modifiedAt.getTime()}:${this.changeCount}`;
    let listed = this.listings.get(name);
    if (listed?.fingerprint !== fingerprint) {
      const pack = await this.load(name);
      listed = { fingerprint, paths: new Set(pack ? Object.values(pack.files) : []) };
      this.listings.set(name, listed);
    }
    return listed.paths.has(path);
  }

  /**
   * Removes staging left by a process that died mid-install (older than `before`, so installs
   * running in other processes now are left alone). Run at start-up.
   */
  async sweepStaging(before: Date): Promise<number> {
    let removed = 0;
    const dirs = new Set((await this.files.list(STAGING_ROOT)).map((k) => k.split("/").slice(0, 2).join("/")));
    for (const dir of dirs) {
      const keys = await this.files.list(dir);
      const stats = await Promise.all(keys.map((k) => this.files.stat(k).catch(() => null)));
      if (stats.every((s) => !s || s.modifiedAt < before)) {
        await this.files.delete(dir).catch(() => {});
        removed++;
      }
    }
    return removed;
  }

  /** A fresh staging prefix outside `emoji/`, for installs that must appear all at once. */
  stagingKey(): string {
    return `${STAGING_ROOT}/${randomBytes(12).toString("hex")}`;
  }

  /**
   * Downloadability (share-files and every listed file present) and the archive hash. The hash
   * is cached per pack while pack.json and the files' sizes and times are unchanged.
   */
  async archiveInfo(pack: StoredPack): Promise<ArchiveInfo> {
    const fingerprint = await this.fingerprint(pack);
    if (!pack.meta["share-files"] || fingerprint === null) return { downloadable: false, sha256: null };
    const cached = this.archives.get(pack.name);
    if (cached?.fingerprint === fingerprint) return { downloadable: true, sha256: cached.sha256 };
    const hash = createHash("sha256");
    const keep: Uint8Array[] = [];
    let size = 0;
    const limit = this.options.cacheArchiveBytes ?? 32_000_000;
    for await (const chunk of this.archiveChunks(pack)) {
      hash.update(chunk);
      size += chunk.byteLength;
      if (size <= limit) keep.push(chunk);
    }
    const entry: CacheEntry = {
      fingerprint,
      sha256: hash.digest("hex").toUpperCase(),
      bytes: size <= limit ? new Uint8Array(Buffer.concat(keep, size)) : null,
    };
    this.remember(pack.name, entry);
    return { downloadable: true, sha256: entry.sha256 };
  }

  /**
   * The archive bytes: from the cache when it holds them, else streamed as they are built (the
   * build is deterministic, so the bytes match the advertised hash).
   */
  async archiveBody(pack: StoredPack): Promise<ReadableStream<Uint8Array>> {
    const info = await this.archiveInfo(pack);
    const cached = this.archives.get(pack.name);
    if (info.downloadable && cached?.bytes) {
      const bytes = cached.bytes;
      return new ReadableStream({
        start(c) {
          c.enqueue(bytes);
          c.close();
        },
      });
    }
    const iterator = this.archiveChunks(pack)[Symbol.asyncIterator]();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await iterator.return?.(undefined);
      },
    });
  }

  /**
   * pack.json then every listed file once, in path order. Fixed timestamps and a fixed level make
   * the bytes a function of the files alone, so the advertised hash matches every copy served.
   * Entries are stored: emoji images are already compressed, deflating them again only costs.
   */
  private archiveChunks(pack: StoredPack): AsyncGenerator<Uint8Array> {
    const paths = [...new Set(Object.values(pack.files))].sort();
    const files = this.files;
    const open = async function* (key: string | null): AsyncGenerator<Uint8Array> {
      const stream = key ? await files.read(key) : null;
      if (!stream) throw new Error(`archive source missing: ${key}`);
      yield* stream as unknown as AsyncIterable<Uint8Array>;
    };
    const entries: ZipEntry[] = [
      { name: "pack.json", content: (async function* () { yield pack.raw; })() },
      ...paths.map((path) => ({ name: path, content: open(this.key(pack.name, path)) })),
    ];
    return zipStream(entries, { modifiedAt: FIXED_MTIME, store: true });
  }

  /** A string that changes when pack.json or any listed file changes; null when a file is missing or unsafe. */
  private async fingerprint(pack: StoredPack): Promise<string | null> {
    const hash = createHash("sha256").update(pack.raw);
    const paths = [...new Set(Object.values(pack.files))].sort();
    const stats = await Promise.all(
      paths.map(async (path) => {
        const key = this.key(pack.name, path);
        // A path the store refuses (a planted symlink) counts as missing: the pack is not downloadable.
        return key ? this.files.stat(key).catch((e: unknown) => (isUnsafePathError(e) ? null : Promise.reject(e))) : null;
      }),
    );
    for (let i = 0; i < paths.length; i++) {
      const stat = stats[i];
      if (!stat) return null;
      hash.update(`\n${paths[i]}\u0000${stat.size}\u0000${stat.modifiedAt.getTime()}`);
    }
    return hash.digest("hex");
  }

  private remember(name: string, entry: CacheEntry): void {
    this.archives.delete(name);
    this.archives.set(name, entry);
    const budget = this.options.cacheTotalBytes ?? 64_000_000;
    let total = 0;
    for (const e of [...this.archives.values()].reverse()) {
      total += e.bytes?.byteLength ?? 0;
    }
    // Oldest first: drop cached bytes (keep the hashes) until within budget.
    for (const [key, e] of this.archives) {
      if (total <= budget) break;
      if (e.bytes) {
        total -= e.bytes.byteLength;
        this.archives.set(key, { ...e, bytes: null });
      }
    }
  }
}

/** The form pack names are compared in for look-alikes: NFKC, then case-folded. */
export function foldPackName(name: string): string {
  return name.normalize("NFKC").toLowerCase().normalize("NFKC");
}

/** pack.json as Akkoma writes it: pretty-printed, keys `files`, `pack`, `files_count`. */
export function packJsonBytes(meta: PackMeta, files: Readonly<Record<string, string>>): Uint8Array {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return new TextEncoder().encode(`${JSON.stringify({ files: sorted, pack: meta, files_count: Object.keys(files).length }, null, 2)}\n`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
