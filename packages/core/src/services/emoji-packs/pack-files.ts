/**
 * The emoji of one pack (content.md 1.9-1.11): add (an image, a URL or a zip of images), rename
 * or move, delete, and serving an emoji image.
 */
import { okAsync } from "neverthrow";
import { collect } from "../../files/memory-file-store.js";
import { isUnsafePathError } from "../../files/unsafe-path-error.js";
import { fromPort, type Outcome } from "../../result.js";
import { sniffImageType, type ImageType } from "./image-type.js";
import type { StoredPack } from "./pack-library.js";
import { isValidEmojiFilename, isValidPackName, isValidShortcode, shortcodeFromFilename } from "./pack-names.js";
import type { EmojiFileInput, PackContext } from "./pack-context.js";
import type { PackArchiveInput } from "./pack-archive-input.js";
import type { PackRemote } from "./pack-remote.js";

/**
 * Content types that switch an add to zip mode. Akkoma checks `application/zip` only; browsers on
 * Windows label .zip uploads `application/x-zip-compressed`, so those count too.
 */
const ZIP_TYPES = new Set(["application/zip", "application/x-zip-compressed", "application/x-zip"]);

export class PackFiles {
  constructor(
    private readonly ctx: PackContext,
    private readonly remote: PackRemote,
    private readonly archives: PackArchiveInput,
  ) {}

  /**
   * `POST /emoji/packs/files`: one image (upload or URL), or every image of a zip. Answers the
   * pack's full `files` map.
   */
  addFile(name: string, input: { file: EmojiFileInput; shortcode?: string; filename?: string }): Outcome<Record<string, string>> {
    const { ctx } = this;
    return ctx.filesPack(name).andThen(() =>
      fromPort(async () => {
        let bytes: Uint8Array;
        let contentType: string | null;
        let sourceName: string;
        if (input.file.kind === "url") {
          const res = await this.remote.fetch(input.file.url, Math.max(ctx.limits.maxFileBytes, ctx.limits.maxArchiveBytes), ctx.limits.archiveTimeoutMs);
          bytes = res.body;
          contentType = res.contentType;
          sourceName = decodeURIComponent(new URL(res.url).pathname.split("/").pop() ?? "");
        } else {
          ({ bytes, contentType, filename: sourceName } = input.file);
        }
        return ctx.library.withLock(name, () => ctx.refusingUnsafe(async () => {
          const pack = await ctx.library.load(name);
          if (!pack) throw ctx.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`);
          const files = ZIP_TYPES.has(contentType ?? "") ? await this.addZip(pack, bytes) : await this.addOne(pack, bytes, sourceName, input);
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
    const { ctx } = this;
    return ctx.filesPack(name).andThen(() =>
      ctx.locked(name, async () => {
        const library = ctx.library;
        const pack = await library.load(name);
        if (!pack) throw ctx.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`);
        const { shortcode, newShortcode, newFilename } = input;
        if (shortcode === "" || newShortcode === "" || newFilename === "") throw ctx.error("EMOJI_UPDATE_EMPTY");
        const oldFile = pack.files[shortcode];
        if (oldFile === undefined) throw ctx.error("EMOJI_NOT_IN_PACK", `Emoji "${shortcode}" does not exist`);
        const oldKey = library.key(name, oldFile);
        if (!oldKey || !(await library.files.stat(oldKey))) throw ctx.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`);
        if (!isValidShortcode(newShortcode)) throw ctx.error("EMOJI_SHORTCODE_INVALID");
        if (!isValidEmojiFilename(newFilename)) throw ctx.error("EMOJI_FILENAME_INVALID");
        if (!input.force && (await ctx.deps.catalog.get(newShortcode))) {
          throw ctx.error("EMOJI_SHORTCODE_TAKEN", `New shortcode "${newShortcode}" is already used. If you want to override emoji use 'force' option`);
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
    const { ctx } = this;
    return ctx.filesPack(name).andThen(() =>
      ctx.locked(name, async () => {
        const library = ctx.library;
        const pack = await library.load(name);
        if (!pack) throw ctx.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`);
        if (shortcode === "") throw ctx.error("EMOJI_DELETE_EMPTY");
        const file = pack.files[shortcode];
        if (file === undefined) throw ctx.error("EMOJI_NOT_IN_PACK", `Emoji "${shortcode}" does not exist`);
        const key = library.key(name, file);
        if (!key || !(await library.files.stat(key))) throw ctx.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`);
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
    const library = this.ctx.library;
    const maxBytes = this.ctx.limits.maxFileBytes;
    if (!isValidPackName(pack) || !isValidEmojiFilename(path)) return okAsync(null);
    const key = library.key(pack, path);
    if (!key) return okAsync(null);
    return fromPort(async () => {
      // A pack with pack.json serves only the files it lists: files of an install cut short (a
      // crash before pack.json was written) stay invisible.
      if (!(await library.isListed(pack, path))) return null;
      const publicUrl = library.files.publicUrl(key);
      if (publicUrl) return { redirect: publicUrl };
      const stat = await library.files.stat(key).catch((e: unknown) => (isUnsafePathError(e) ? null : Promise.reject(e)));
      if (!stat || stat.size > maxBytes) return null;
      const stream = await library.files.read(key);
      if (!stream) return null;
      const body = await collect(stream, maxBytes);
      const contentType = sniffImageType(body);
      return contentType ? { body, contentType } : null;
    });
  }

  private async addOne(
    pack: StoredPack,
    bytes: Uint8Array,
    sourceName: string,
    input: { shortcode?: string; filename?: string },
  ): Promise<Record<string, string>> {
    const { ctx } = this;
    const filename = input.filename ?? sourceName;
    const shortcode = input.shortcode ?? shortcodeFromFilename(filename);
    if (shortcode === "" || filename === "") throw ctx.error("EMOJI_ADD_EMPTY");
    if (!isValidShortcode(shortcode)) throw ctx.error("EMOJI_SHORTCODE_INVALID");
    if (!isValidEmojiFilename(filename)) throw ctx.error("EMOJI_FILENAME_INVALID");
    if ((await ctx.deps.catalog.get(shortcode)) || pack.files[shortcode] !== undefined) {
      throw ctx.error("EMOJI_EXISTS", `An emoji with the "${shortcode}" shortcode already exists`);
    }
    if (bytes.byteLength > ctx.limits.maxFileBytes) throw ctx.error("EMOJI_FILE_TOO_LARGE");
    if (!sniffImageType(bytes)) throw ctx.error("EMOJI_NOT_AN_IMAGE");
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
    const { ctx } = this;
    if (zip.byteLength > ctx.limits.maxArchiveBytes) throw ctx.error("EMOJI_FILE_TOO_LARGE");
    const files = { ...pack.files };
    const writes = new Map<string, Uint8Array>();
    for (const entry of this.archives.entries(zip)) {
      const lower = entry.name.toLowerCase();
      if (![".png", ".apng", ".gif", ".jpg", ".jpeg", ".webp"].some((e) => lower.endsWith(e))) continue;
      const shortcode = shortcodeFromFilename(entry.name);
      if (!isValidShortcode(shortcode) || !isValidEmojiFilename(entry.name)) {
        throw ctx.error("ARCHIVE_INVALID", `Invalid archive: unusable name ${JSON.stringify(entry.name)}`);
      }
      if (files[shortcode] !== undefined || (await ctx.deps.catalog.get(shortcode))) continue;
      if (entry.size > ctx.limits.maxFileBytes) throw ctx.error("EMOJI_FILE_TOO_LARGE");
      const bytes = this.archives.extract(zip, entry);
      if (!sniffImageType(bytes)) throw ctx.error("ARCHIVE_INVALID", `Invalid archive: ${entry.name} is not a supported image`);
      files[shortcode] = entry.name;
      writes.set(entry.name, bytes);
    }
    if (writes.size > 0) await this.writeFiles(pack, writes, files);
    return files;
  }

  /**
   * Installs files then pack.json. Every file is first written whole into a staging prefix outside
   * `emoji/`, then renamed into the pack, and pack.json is written last: a crash at any point
   * leaves either staging (swept at start-up) or files no pack.json lists, which are never served
   * ({@link emojiFile}). On failure the files this call placed are removed.
   */
  private async writeFiles(pack: StoredPack, writes: Map<string, Uint8Array>, files: Record<string, string>): Promise<void> {
    const library = this.ctx.library;
    const staging = library.stagingKey();
    const created: string[] = [];
    try {
      for (const [path, bytes] of writes) {
        await library.files.write(`${staging}/${path}`, bytes, { maxBytes: this.ctx.limits.maxFileBytes });
      }
      for (const path of writes.keys()) {
        const key = library.key(pack.name, path)!;
        // A file already there (unlisted, or shared with another shortcode) is replaced, as before.
        if ((await library.files.stat(key)) !== null) await library.files.delete(key);
        else created.push(key);
        await library.files.move(`${staging}/${path}`, key);
      }
      await library.save(pack.name, pack.meta, files);
    } catch (error) {
      for (const key of created) await library.files.delete(key).catch(() => {});
      library.changed(pack.name);
      throw error;
    } finally {
      await library.files.delete(staging).catch(() => {});
    }
  }
}
