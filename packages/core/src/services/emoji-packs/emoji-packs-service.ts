import { createHash } from "node:crypto";
import { errAsync, okAsync } from "neverthrow";
import { extractZipEntry, readZipDirectory, UnsafeArchiveError, type ZipLimits } from "../../archives/zip-reader.js";
import { collect } from "../../files/memory-file-store.js";
import { isUnsafePathError } from "../../files/unsafe-path-error.js";
import { appError, type AppError, type ErrorCode } from "../../errors/index.js";
import type { HttpClient, HttpResult } from "../../ports/http-client.js";
import type { Logger } from "../../ports/infrastructure.js";
import { fromPort, type Outcome } from "../../result.js";
import type { EmojiCatalog } from "../emoji/emoji-catalog.js";
import { sniffImageType, type ImageType } from "./image-type.js";
import { packJsonBytes, type PackLibrary, type PackMeta, type StoredPack } from "./pack-library.js";
import { readEmojiTxt } from "./pack-emoji-catalog.js";
import { isValidEmojiFilename, isValidPackName, isValidShortcode, shortcodeFromFilename } from "./pack-names.js";

/** Size and count limits on pack work (security.md: limits on costly work). */
export interface EmojiPackLimits {
  /** Largest single emoji image. Default 5 MB. */
  readonly maxFileBytes: number;
  /** Largest archive fetched or uploaded. Default 100 MB. */
  readonly maxArchiveBytes: number;
  /** Most entries in an archive. Default 10 000. */
  readonly maxArchiveEntries: number;
  /** Most bytes an archive may extract to. Default 250 MB. */
  readonly maxExtractedBytes: number;
  /** Largest JSON document fetched from a remote (pack lists, nodeinfo). Default 10 MB. */
  readonly maxJsonBytes: number;
}

export const defaultEmojiPackLimits: EmojiPackLimits = {
  maxFileBytes: 5_000_000,
  maxArchiveBytes: 100_000_000,
  maxArchiveEntries: 10_000,
  maxExtractedBytes: 250_000_000,
  maxJsonBytes: 10_000_000,
};

/** A pack as list and show render it (content.md 1.7, 1.8). */
export interface PackView {
  readonly files: Record<string, string>;
  readonly files_count: number;
  readonly pack: PackMeta;
}

/** The `file` of an add: bytes uploaded by the admin, or a URL the server fetches. */
export type EmojiFileInput =
  | { readonly kind: "upload"; readonly bytes: Uint8Array; readonly contentType: string; readonly filename: string }
  | { readonly kind: "url"; readonly url: string };

export interface EmojiPacksDeps {
  readonly library: PackLibrary;
  readonly http: HttpClient;
  /** The global emoji table, for Akkoma's "shortcode already exists anywhere" rule. */
  readonly catalog: EmojiCatalog;
  readonly limits?: Partial<EmojiPackLimits>;
  readonly logger: Logger;
}

/** Remote show pages are asked this large, so a pack of any size takes few requests. */
const REMOTE_PAGE_SIZE = 500;

/**
 * Emoji packs (content.md 1): the twelve endpoints' behaviour over a {@link PackLibrary}.
 * Names, shortcodes and file names are checked against strict patterns before any key is built;
 * edits of one pack are serialised; archives are verified and installed from a staging prefix.
 */
export class EmojiPacksService {
  private readonly limits: EmojiPackLimits;

  constructor(private readonly deps: EmojiPacksDeps) {
    this.limits = { ...defaultEmojiPackLimits, ...deps.limits };
  }

  /** `GET /emoji/packs`: loadable packs (with pack.json), every file listed, packs paginated by name. */
  list(page: number | undefined, pageSize: number | undefined): Outcome<{ count: number; packs: Record<string, PackView> }> {
    return fromPort(async () => {
      const names: string[] = [];
      const loaded = new Map<string, StoredPack>();
      for (const [name, paths] of await this.deps.library.directories()) {
        if (!paths.includes("pack.json") || !isValidPackName(name)) continue;
        const pack = await this.deps.library.load(name);
        if (!pack) continue; // invalid JSON: skipped instead of crashing the list
        names.push(name);
        loaded.set(name, pack);
      }
      const packs: Record<string, PackView> = {};
      for (const name of slicePage(names, page ?? 1, pageSize ?? 50)) {
        const pack = loaded.get(name)!;
        packs[name] = await this.view(pack, Object.keys(pack.files).sort());
      }
      return { count: names.length, packs };
    });
  }

  /** `GET /emoji/pack`: one pack, files paginated by shortcode; the hash covers the whole pack. */
  show(rawName: string, page: number | undefined, pageSize: number | undefined): Outcome<PackView> {
    return this.trimmedName(rawName).andThen((name) =>
      this.loadOr(name, "PACK_NOT_FOUND").andThen((pack) =>
        fromPort(() => this.view(pack, slicePage(Object.keys(pack.files).sort(), page ?? 1, pageSize ?? 30))),
      ),
    );
  }

  /** `GET /emoji/packs/archive`: the zip stream, 403 when not shared or incomplete. */
  archive(name: string): Outcome<{ filename: string; body: ReadableStream<Uint8Array> }> {
    return this.validName(name)
      .andThen(() => this.loadOr(name, "PACK_NOT_FOUND"))
      .andThen((pack) =>
        fromPort(() => this.deps.library.archiveInfo(pack)).andThen((info) =>
          info.downloadable
            ? fromPort(() => this.deps.library.archiveBody(pack)).map((body) => ({ filename: `${name}.zip`, body }))
            : errAsync(this.error("PACK_NOT_SHARED", `Pack ${name} cannot be downloaded from this instance, either pack sharing was disabled for this pack or some files are missing`)),
        ),
      );
  }

  /** `POST /emoji/pack`: an empty pack; 409 when anything of that name exists. */
  create(rawName: string): Outcome<"ok"> {
    return this.trimmedName(rawName).andThen((name) =>
      this.locked(name, async () => {
        const library = this.deps.library;
        if (await library.exists(name)) throw this.error("PACK_EXISTS", `A pack named "${name}" already exists`);
        await library.save(name, {}, {});
        return "ok" as const;
      }),
    );
  }

  /**
   * `PATCH /emoji/pack`: replaces the whole `pack` object. A new `fallback-src` is fetched, must
   * contain every listed file, and its hash is computed here (the client's value is ignored).
   */
  updateMetadata(name: string, metadata: PackMeta): Outcome<PackMeta> {
    return this.validName(name).andThen(() =>
      this.locked(name, async () => {
        const pack = await this.deps.library.load(name);
        if (!pack) throw this.error("PACK_NOT_FOUND", `Pack ${name} does not exist`);
        const meta: PackMeta = { ...metadata };
        const src = meta["fallback-src"];
        if (typeof src === "string" && src !== pack.meta["fallback-src"]) {
          const res = await this.fetch(src, this.limits.maxArchiveBytes);
          const present = new Set(this.zipEntries(res.body).map((e) => e.name));
          if (!Object.values(pack.files).every((path) => present.has(path))) throw this.error("FALLBACK_INCOMPLETE");
          meta["fallback-src-sha256"] = sha256Hex(res.body);
        }
        await this.deps.library.save(name, meta, pack.files);
        return meta;
      }),
    );
  }

  /** `DELETE /emoji/pack`: removes the directory (pack.json not required). */
  delete(rawName: string): Outcome<"ok"> {
    return this.trimmedName(rawName).andThen((name) =>
      this.locked(name, async () => {
        const library = this.deps.library;
        const key = library.key(name)!;
        if (!(await library.files.delete(key))) throw this.error("PACK_NOT_FOUND", `Pack ${name} does not exist`);
        library.changed(name);
        return "ok" as const;
      }),
    );
  }

  /**
   * `GET /emoji/packs/import`: writes pack.json for every folder that lacks one, from emoji.txt
   * or from the folder's .png/.gif files. Entries with unusable shortcodes or paths are skipped.
   */
  importFromDirectory(): Outcome<string[]> {
    return fromPort(async () => {
      const imported: string[] = [];
      for (const [name, paths] of await this.deps.library.directories()) {
        if (paths.includes("pack.json") || !isValidPackName(name)) continue;
        await this.deps.library.withLock(name, async () => {
          const files: Record<string, string> = {};
          if (paths.includes("emoji.txt")) {
            for (const line of await readEmojiTxt(this.deps.library, name)) {
              const slash = line.path.lastIndexOf("/");
              const dir = slash >= 0 ? line.path.slice(0, slash) : "";
              const file = dir !== "" && `/emoji/${name}`.endsWith(dir) ? line.path.slice(slash + 1) : line.path;
              if (isValidShortcode(line.shortcode) && isValidEmojiFilename(file)) files[line.shortcode] = file;
            }
          } else {
            for (const path of paths) {
              const lower = path.toLowerCase();
              if (!lower.endsWith(".png") && !lower.endsWith(".gif")) continue;
              const code = shortcodeFromFilename(path);
              if (isValidShortcode(code) && isValidEmojiFilename(path)) files[code] = path;
            }
          }
          await this.deps.library.save(name, {}, files);
          imported.push(name);
        });
      }
      return imported;
    });
  }

  /** `GET /emoji/packs/remote`: another instance's pack list, verbatim, after the nodeinfo check. */
  remoteList(url: string, page: number | undefined, pageSize: number | undefined): Outcome<unknown> {
    return fromPort(async () => {
      const origin = this.originOf(url);
      await this.requireSharing(origin);
      const query = new URLSearchParams({ page: String(page ?? 1), page_size: String(pageSize ?? 30) });
      return this.fetchJson(`${origin}/api/v1/pleroma/emoji/packs?${query}`);
    });
  }

  /**
   * `POST /emoji/packs/download`: fetches the remote pack's complete file list (every page) and
   * its archive (or fallback), checks the SHA-256 before anything is written, extracts only the
   * listed files into a staging prefix, checks each is an image, then moves it into place. An
   * existing local pack of that name is refused (409) instead of merged into.
   */
  download(url: string, remoteName: string, as: string | undefined): Outcome<"ok"> {
    const name = as ?? remoteName;
    return this.validName(name).andThen(() =>
      this.locked(name, async () => {
        const library = this.deps.library;
        if (await library.exists(name)) throw this.error("PACK_EXISTS", `A pack named "${name}" already exists`);
        const origin = this.originOf(url);
        await this.requireSharing(origin);
        const remote = await this.remotePack(origin, remoteName);
        const meta = remote.pack;
        let source: { url: string; sha: string; shared: boolean };
        if (meta["share-files"] === true && meta["can-download"] === true && typeof meta["download-sha256"] === "string") {
          const query = new URLSearchParams({ name: remoteName });
          source = { url: `${origin}/api/v1/pleroma/emoji/packs/archive?${query}`, sha: meta["download-sha256"], shared: true };
        } else if (typeof meta["fallback-src"] === "string" && typeof meta["fallback-src-sha256"] === "string") {
          source = { url: meta["fallback-src"], sha: meta["fallback-src-sha256"], shared: false };
        } else {
          throw this.error("REMOTE_NOT_SHARED");
        }
        const archive = await this.fetch(source.url, this.limits.maxArchiveBytes);
        if (sha256Hex(archive.body) !== source.sha.toUpperCase()) throw this.error("REMOTE_SHA_MISMATCH");

        const entries = new Map(this.zipEntries(archive.body).map((e) => [e.name, e]));
        let packMeta: PackMeta = {};
        const files: Record<string, string> = { ...remote.files };
        if (source.shared) {
          const manifest = entries.get("pack.json");
          const parsed = manifest ? parseJsonObject(this.extract(archive.body, manifest)) : null;
          if (!parsed) throw this.error("ARCHIVE_INVALID", "Invalid archive: pack.json is missing or invalid");
          if (isRecord(parsed.pack)) packMeta = parsed.pack;
          if (isRecord(parsed.files)) for (const [code, path] of Object.entries(parsed.files)) if (typeof path === "string") files[code] = path;
        }
        for (const [code, path] of Object.entries(files)) {
          if (!isValidShortcode(code)) throw this.error("ARCHIVE_INVALID", `Invalid archive: unusable shortcode ${JSON.stringify(code)}`);
          if (!isValidEmojiFilename(path)) throw this.error("ARCHIVE_INVALID", `Invalid archive: unusable file name ${JSON.stringify(path)}`);
        }

        const staging = library.stagingKey();
        try {
          for (const path of new Set(Object.values(files))) {
            const entry = entries.get(path);
            if (!entry) throw this.error("ARCHIVE_INVALID", `Invalid archive: ${path} is missing`);
            const bytes = this.extract(archive.body, entry);
            if (!sniffImageType(bytes)) throw this.error("ARCHIVE_INVALID", `Invalid archive: ${path} is not a supported image`);
            await library.files.write(`${staging}/${path}`, bytes);
          }
          await library.files.write(`${staging}/pack.json`, packJsonBytes(packMeta, files));
          await library.files.move(staging, library.key(name)!);
        } catch (error) {
          await library.files.delete(staging).catch(() => {});
          throw error;
        }
        library.changed(name);
        return "ok" as const;
      }),
    );
  }

  /**
   * `POST /emoji/packs/files`: one image (upload or URL), or every image of a zip. Answers the
   * pack's full `files` map.
   */
  addFile(name: string, input: { file: EmojiFileInput; shortcode?: string; filename?: string }): Outcome<Record<string, string>> {
    return this.filesPack(name).andThen(() =>
      fromPort(async () => {
        let bytes: Uint8Array;
        let contentType: string | null;
        let sourceName: string;
        if (input.file.kind === "url") {
          const res = await this.fetch(input.file.url, Math.max(this.limits.maxFileBytes, this.limits.maxArchiveBytes));
          bytes = res.body;
          contentType = res.contentType;
          sourceName = decodeURIComponent(new URL(res.url).pathname.split("/").pop() ?? "");
        } else {
          ({ bytes, contentType, filename: sourceName } = input.file);
        }
        return this.deps.library.withLock(name, () => this.refusingUnsafe(async () => {
          const pack = await this.deps.library.load(name);
          if (!pack) throw this.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`);
          const files = contentType === "application/zip" ? await this.addZip(pack, bytes) : await this.addOne(pack, bytes, sourceName, input);
          return files;
        }));
      }),
    );
  }

  /** `PATCH /emoji/packs/files`: renames a shortcode and/or moves its file. */
  updateFile(
    name: string,
    input: { shortcode: string; newShortcode: string; newFilename: string; force: boolean },
  ): Outcome<Record<string, string>> {
    return this.filesPack(name).andThen(() =>
      this.locked(name, async () => {
        const library = this.deps.library;
        const pack = await library.load(name);
        if (!pack) throw this.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`);
        const { shortcode, newShortcode, newFilename } = input;
        if (shortcode === "" || newShortcode === "" || newFilename === "") throw this.error("EMOJI_UPDATE_EMPTY");
        const oldFile = pack.files[shortcode];
        if (oldFile === undefined) throw this.error("EMOJI_NOT_IN_PACK", `Emoji "${shortcode}" does not exist`);
        const oldKey = library.key(name, oldFile);
        if (!oldKey || !(await library.files.stat(oldKey))) throw this.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`);
        if (!isValidShortcode(newShortcode)) throw this.error("EMOJI_SHORTCODE_INVALID");
        if (!isValidEmojiFilename(newFilename)) throw this.error("EMOJI_FILENAME_INVALID");
        if (!input.force && (await this.deps.catalog.get(newShortcode))) {
          throw this.error("EMOJI_SHORTCODE_TAKEN", `New shortcode "${newShortcode}" is already used. If you want to override emoji use 'force' option`);
        }
        const files = { ...pack.files };
        delete files[shortcode];
        files[newShortcode] = newFilename;
        if (newFilename !== oldFile) {
          const newKey = library.key(name, newFilename)!;
          const shared = Object.values(files).includes(oldFile);
          const stream = await library.files.read(oldKey);
          await library.files.write(newKey, stream ?? new Uint8Array(0));
          if (!shared) await library.files.delete(oldKey);
        }
        await library.save(name, pack.meta, files);
        return files;
      }),
    );
  }

  /** `DELETE /emoji/packs/files`: removes an emoji and its file (unless another shortcode uses it). */
  deleteFile(name: string, shortcode: string): Outcome<Record<string, string>> {
    return this.filesPack(name).andThen(() =>
      this.locked(name, async () => {
        const library = this.deps.library;
        const pack = await library.load(name);
        if (!pack) throw this.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`);
        if (shortcode === "") throw this.error("EMOJI_DELETE_EMPTY");
        const file = pack.files[shortcode];
        if (file === undefined) throw this.error("EMOJI_NOT_IN_PACK", `Emoji "${shortcode}" does not exist`);
        const key = library.key(name, file);
        if (!key || !(await library.files.stat(key))) throw this.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`);
        const files = { ...pack.files };
        delete files[shortcode];
        if (!Object.values(files).includes(file)) await library.files.delete(key);
        await library.save(name, pack.meta, files);
        return files;
      }),
    );
  }

  /**
   * An emoji image for `GET /emoji/<pack>/<path>`: only image files are served (by their bytes),
   * with the sniffed type. Null when absent, unsafe or not an image.
   */
  emojiFile(pack: string, path: string): Outcome<{ body: Uint8Array; contentType: ImageType } | { redirect: string } | null> {
    const library = this.deps.library;
    if (!isValidPackName(pack) || !isValidEmojiFilename(path)) return okAsync(null);
    const key = library.key(pack, path);
    if (!key) return okAsync(null);
    const publicUrl = library.files.publicUrl(key);
    if (publicUrl) return okAsync({ redirect: publicUrl });
    return fromPort(async () => {
      const stat = await library.files.stat(key).catch((e: unknown) => (isUnsafePathError(e) ? null : Promise.reject(e)));
      if (!stat || stat.size > this.limits.maxFileBytes) return null;
      const stream = await library.files.read(key);
      if (!stream) return null;
      const body = await collect(stream, this.limits.maxFileBytes);
      const contentType = sniffImageType(body);
      return contentType ? { body, contentType } : null;
    });
  }

  // --- helpers -------------------------------------------------------------------------------

  private async addOne(
    pack: StoredPack,
    bytes: Uint8Array,
    sourceName: string,
    input: { shortcode?: string; filename?: string },
  ): Promise<Record<string, string>> {
    const filename = input.filename ?? sourceName;
    const shortcode = input.shortcode ?? shortcodeFromFilename(filename);
    if (shortcode === "" || filename === "") throw this.error("EMOJI_ADD_EMPTY");
    if (!isValidShortcode(shortcode)) throw this.error("EMOJI_SHORTCODE_INVALID");
    if (!isValidEmojiFilename(filename)) throw this.error("EMOJI_FILENAME_INVALID");
    if ((await this.deps.catalog.get(shortcode)) || pack.files[shortcode] !== undefined) {
      throw this.error("EMOJI_EXISTS", `An emoji with the "${shortcode}" shortcode already exists`);
    }
    if (bytes.byteLength > this.limits.maxFileBytes) throw this.error("EMOJI_FILE_TOO_LARGE");
    if (!sniffImageType(bytes)) throw this.error("EMOJI_NOT_AN_IMAGE");
    const files = { ...pack.files, [shortcode]: filename };
    await this.writeFiles(pack, new Map([[filename, bytes]]), files);
    return files;
  }

  /**
   * Zip mode: every image entry becomes an emoji (shortcode = base name). Entries whose shortcode
   * exists are skipped, as in Akkoma; entries without an image extension are skipped; an image
   * entry with an unusable name or non-image bytes refuses the whole archive. Everything is
   * inflated and checked in memory (within the limits) before the first write.
   */
  private async addZip(pack: StoredPack, zip: Uint8Array): Promise<Record<string, string>> {
    if (zip.byteLength > this.limits.maxArchiveBytes) throw this.error("EMOJI_FILE_TOO_LARGE");
    const files = { ...pack.files };
    const writes = new Map<string, Uint8Array>();
    for (const entry of this.zipEntries(zip)) {
      const lower = entry.name.toLowerCase();
      if (![".png", ".apng", ".gif", ".jpg", ".jpeg", ".webp"].some((e) => lower.endsWith(e))) continue;
      const shortcode = shortcodeFromFilename(entry.name);
      if (!isValidShortcode(shortcode) || !isValidEmojiFilename(entry.name)) {
        throw this.error("ARCHIVE_INVALID", `Invalid archive: unusable name ${JSON.stringify(entry.name)}`);
      }
      if (files[shortcode] !== undefined || (await this.deps.catalog.get(shortcode))) continue;
      if (entry.size > this.limits.maxFileBytes) throw this.error("EMOJI_FILE_TOO_LARGE");
      const bytes = this.extract(zip, entry);
      if (!sniffImageType(bytes)) throw this.error("ARCHIVE_INVALID", `Invalid archive: ${entry.name} is not a supported image`);
      files[shortcode] = entry.name;
      writes.set(entry.name, bytes);
    }
    if (writes.size > 0) await this.writeFiles(pack, writes, files);
    return files;
  }

  /** Writes files then pack.json; on failure removes the files this call created. */
  private async writeFiles(pack: StoredPack, writes: Map<string, Uint8Array>, files: Record<string, string>): Promise<void> {
    const library = this.deps.library;
    const created: string[] = [];
    try {
      for (const [path, bytes] of writes) {
        const key = library.key(pack.name, path)!;
        const existed = (await library.files.stat(key)) !== null;
        await library.files.write(key, bytes, { maxBytes: this.limits.maxFileBytes });
        if (!existed) created.push(key);
      }
      await library.save(pack.name, pack.meta, files);
    } catch (error) {
      for (const key of created) await library.files.delete(key).catch(() => {});
      library.changed(pack.name);
      throw error;
    }
  }

  private async view(pack: StoredPack, codes: readonly string[]): Promise<PackView> {
    const info = await this.deps.library.archiveInfo(pack);
    const meta: PackMeta = { ...pack.meta, "can-download": info.downloadable };
    delete meta["download-sha256"];
    if (info.sha256) meta["download-sha256"] = info.sha256;
    const files: Record<string, string> = {};
    for (const code of codes) files[code] = pack.files[code]!;
    return { files, files_count: Object.keys(pack.files).length, pack: meta };
  }

  private zipEntries(zip: Uint8Array) {
    const limits: ZipLimits = {
      maxEntries: this.limits.maxArchiveEntries,
      maxTotalBytes: this.limits.maxExtractedBytes,
      maxEntryBytes: this.limits.maxExtractedBytes,
    };
    try {
      return readZipDirectory(zip, limits);
    } catch (error) {
      throw this.archiveError(error);
    }
  }

  private extract(zip: Uint8Array, entry: ReturnType<typeof readZipDirectory>[number]): Uint8Array {
    try {
      return extractZipEntry(zip, entry);
    } catch (error) {
      throw this.archiveError(error);
    }
  }

  private archiveError(error: unknown): unknown {
    return error instanceof UnsafeArchiveError ? this.error("ARCHIVE_INVALID", `Invalid archive: ${error.reason}`) : error;
  }

  /** Akkoma's feature check: the last nodeinfo link must list `shareable_emoji_packs`. */
  private async requireSharing(origin: string): Promise<void> {
    const index = await this.fetchJson(`${origin}/.well-known/nodeinfo`);
    const links = isRecord(index) && Array.isArray(index.links) ? index.links : [];
    const last: unknown = links[links.length - 1];
    const href = isRecord(last) && typeof last.href === "string" ? last.href : null;
    if (!href) throw this.error("REMOTE_UNSUPPORTED");
    const info = await this.fetchJson(href);
    const features = isRecord(info) && isRecord(info.metadata) ? info.metadata.features : null;
    if (!Array.isArray(features) || !features.includes("shareable_emoji_packs")) throw this.error("REMOTE_UNSUPPORTED");
  }

  /** The remote pack's metadata and its complete file list, read page by page. */
  private async remotePack(origin: string, name: string): Promise<{ pack: PackMeta; files: Record<string, string> }> {
    const files: Record<string, string> = {};
    let pack: PackMeta = {};
    const maxPages = Math.ceil(this.limits.maxArchiveEntries / REMOTE_PAGE_SIZE) + 1;
    for (let page = 1; page <= maxPages; page++) {
      const query = new URLSearchParams({ name, page: String(page), page_size: String(REMOTE_PAGE_SIZE) });
      const body = await this.fetchJson(`${origin}/api/v1/pleroma/emoji/pack?${query}`);
      if (!isRecord(body) || !isRecord(body.pack) || !isRecord(body.files)) {
        throw this.error("REMOTE_FETCH_FAILED", `The remote pack ${name} could not be read`);
      }
      if (page === 1) pack = body.pack;
      const before = Object.keys(files).length;
      for (const [code, path] of Object.entries(body.files)) if (typeof path === "string") files[code] = path;
      const total = typeof body.files_count === "number" ? body.files_count : 0;
      const count = Object.keys(files).length;
      if (count >= total || count === before) return { pack, files };
    }
    throw this.error("ARCHIVE_INVALID", "Invalid archive: the remote pack has too many files");
  }

  private async fetchJson(url: string): Promise<unknown> {
    const res = await this.fetch(url, this.limits.maxJsonBytes);
    try {
      return JSON.parse(new TextDecoder().decode(res.body));
    } catch {
      throw this.error("REMOTE_FETCH_FAILED", `The remote answered ${res.status} without JSON`);
    }
  }

  /** A guarded fetch; policy and transport failures become REMOTE_FETCH_FAILED with the reason. */
  private async fetch(url: string, maxBytes: number): Promise<HttpResult> {
    try {
      return await this.deps.http.get(url, { maxBytes });
    } catch (error) {
      const kind = (error as { kind?: string }).kind;
      if (!kind) throw error;
      const reason =
        kind === "refused-address" ? "the address is not allowed"
        : kind === "refused-scheme" ? "only http(s) URLs are allowed"
        : kind === "too-large" ? "the response is too large"
        : kind === "timeout" ? "the remote did not answer in time"
        : kind === "too-many-redirects" ? "too many redirects"
        : "the remote could not be reached";
      throw this.error("REMOTE_FETCH_FAILED", `The remote resource could not be fetched: ${reason}`);
    }
  }

  private originOf(url: string): string {
    try {
      const parsed = new URL(url.trim());
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new TypeError();
      return parsed.origin;
    } catch {
      throw this.error("REMOTE_FETCH_FAILED", "The remote resource could not be fetched: invalid URL");
    }
  }

  /** Runs `fn` under the pack's lock; thrown AppErrors become Err, anything else INTERNAL. */
  private locked<T>(name: string, fn: () => Promise<T>): Outcome<T> {
    return fromPort(() => this.deps.library.withLock(name, () => this.refusingUnsafe(fn)));
  }

  /** A path the store refuses (a symlink planted in a pack, say) is the client's bad path, not a 500. */
  private async refusingUnsafe<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isUnsafePathError(error)) throw this.error("EMOJI_FILENAME_INVALID");
      throw error;
    }
  }

  private loadOr(name: string, code: "PACK_NOT_FOUND"): Outcome<StoredPack> {
    return fromPort(() => this.deps.library.load(name)).andThen((pack) =>
      pack ? okAsync(pack) : errAsync(this.error(code, `Pack ${name} does not exist`)),
    );
  }

  /** Name checks of show/create/delete: trimmed; blank -> 400 "cannot be empty". */
  private trimmedName(raw: string): Outcome<string> {
    const name = raw.trim();
    if (name === "") return errAsync(this.error("PACK_NAME_EMPTY"));
    return this.validName(name).map(() => name);
  }

  private validName(name: string): Outcome<void> {
    if (name === "") return errAsync(this.error("PACK_NAME_EMPTY"));
    return isValidPackName(name) ? okAsync(undefined) : errAsync(this.error("PACK_NAME_INVALID"));
  }

  /** The files endpoints answer a bad or missing pack with `pack "<name>" is not found` first. */
  private filesPack(name: string): Outcome<void> {
    if (name === "" || !isValidPackName(name)) {
      return errAsync(name === "" ? this.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`) : this.error("PACK_NAME_INVALID"));
    }
    return okAsync(undefined);
  }

  private error(code: ErrorCode, message?: string): AppError {
    return appError(code, message === undefined ? {} : { message });
  }
}

/**
 * Akkoma's page slicing (content.md 1.4) without its crashes: page 1 is the first `size` items,
 * page n the n-th chunk; a page past the end, a page below 1 treated as 1, and a size of 0 or
 * less all answer an empty or first page instead of failing.
 */
export function slicePage<T>(items: readonly T[], page: number, size: number): T[] {
  if (size <= 0) return [];
  const p = Math.max(1, page);
  return items.slice((p - 1) * size, p * size);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").toUpperCase();
}

function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
