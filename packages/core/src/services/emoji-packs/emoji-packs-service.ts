/**
 * The emoji pack service: one public class over four parts, split by job — pack administration
 * (pack-admin.ts), the emoji of a pack (pack-files.ts), other instances' packs (pack-remote.ts)
 * and archives received as input (pack-archive-input.ts) — sharing one {@link PackContext}.
 */
import { okAsync } from "neverthrow";
import type { Outcome } from "../../result.js";
import type { ImageType } from "./image-type.js";
import type { PackMeta } from "./pack-library.js";
import { PackAdmin } from "./pack-admin.js";
import { PackArchiveInput } from "./pack-archive-input.js";
import { PackContext, type EmojiFileInput, type EmojiPacksDeps, type PackView } from "./pack-context.js";
import { PackFiles } from "./pack-files.js";
import { PackRemote } from "./pack-remote.js";

export { defaultEmojiPackLimits, type EmojiFileInput, type EmojiPackLimits, type EmojiPacksDeps, type PackView } from "./pack-context.js";
export { slicePage } from "./pack-admin.js";

/**
 * Emoji packs (content.md 1): the twelve endpoints' behaviour over a `PackLibrary`.
 * Names, shortcodes and file names are checked against strict patterns before any key is built;
 * edits of one pack are serialised; archives are verified and installed from a staging prefix.
 */
export class EmojiPacksService {
  private readonly admin: PackAdmin;
  private readonly files: PackFiles;
  private readonly remote: PackRemote;

  constructor(private readonly deps: EmojiPacksDeps) {
    const ctx = new PackContext(deps);
    const archives = new PackArchiveInput(ctx);
    this.remote = new PackRemote(ctx, archives);
    this.admin = new PackAdmin(ctx, this.remote, archives);
    this.files = new PackFiles(ctx, this.remote, archives);
  }

  /** `GET /emoji/packs`: loadable packs (with pack.json), every file listed, packs paginated by name. */
  list(page: number | undefined, pageSize: number | undefined): Outcome<{ count: number; packs: Record<string, PackView> }> {
    return this.admin.list(page, pageSize);
  }

  /** `GET /emoji/pack`: one pack, files paginated by shortcode; the hash covers the whole pack. */
  show(rawName: string, page: number | undefined, pageSize: number | undefined): Outcome<PackView> {
    return this.admin.show(rawName, page, pageSize);
  }

  /** `GET /emoji/packs/archive`: the zip stream, 403 when not shared or incomplete. */
  archive(name: string): Outcome<{ filename: string; body: ReadableStream<Uint8Array> }> {
    return this.admin.archive(name);
  }

  /** `POST /emoji/pack`: an empty pack; 409 when anything of that name exists. */
  create(rawName: string): Outcome<"ok"> {
    return this.admin.create(rawName);
  }

  /**
   * `PATCH /emoji/pack`: replaces the whole `pack` object. A new `fallback-src` is fetched, must
   * contain every listed file, and its hash is computed here (the client's value is ignored).
   */
  updateMetadata(name: string, metadata: PackMeta): Outcome<PackMeta> {
    return this.admin.updateMetadata(name, metadata);
  }

  /** `DELETE /emoji/pack`: removes the directory (pack.json not required). */
  delete(rawName: string): Outcome<"ok"> {
    return this.admin.delete(rawName);
  }

  /**
   * `GET /emoji/packs/import`: writes pack.json for every folder that lacks one, from emoji.txt
   * or from the folder's .png/.gif files. Entries with unusable shortcodes or paths are skipped.
   */
  importFromDirectory(): Outcome<string[]> {
    return this.admin.importFromDirectory();
  }

  /** `GET /emoji/packs/remote`: another instance's pack list, verbatim, after the nodeinfo check. */
  remoteList(url: string, page: number | undefined, pageSize: number | undefined): Outcome<unknown> {
    return this.remote.list(url, page, pageSize);
  }

  /**
   * `POST /emoji/packs/download`: installs a remote pack (archive or fallback) after checking its
   * SHA-256 and every file; an existing local pack of that name is refused (409).
   */
  download(url: string, remoteName: string, as: string | undefined): Outcome<"ok"> {
    return this.remote.download(url, remoteName, as);
  }

  /**
   * `POST /emoji/packs/files`: one image (upload or URL), or every image of a zip. Answers the
   * pack's full `files` map.
   */
  addFile(name: string, input: { file: EmojiFileInput; shortcode?: string; filename?: string }): Outcome<Record<string, string>> {
    return this.files.addFile(name, input);
  }

  /** `PATCH /emoji/packs/files`: renames a shortcode and/or moves its file. */
  updateFile(
    name: string,
    input: { shortcode: string; newShortcode: string; newFilename: string; force: boolean },
  ): Outcome<Record<string, string>> {
    return this.files.updateFile(name, input);
  }

  /** `DELETE /emoji/packs/files`: removes an emoji and its file (unless another shortcode uses it). */
  deleteFile(name: string, shortcode: string): Outcome<Record<string, string>> {
    return this.files.deleteFile(name, shortcode);
  }

  /**
   * `POST /admin/reload_emoji`: packs are live, so this only drops what is cached (the catalog,
   * archive hashes) so that changes made outside this process are seen at once.
   */
  reload(): Outcome<"ok"> {
    this.deps.library.reload();
    this.deps.catalog.refresh?.();
    return okAsync("ok");
  }

  /**
   * An emoji image for `GET /emoji/<pack>/<path>`: only image files are served (by their bytes),
   * with the sniffed type. Null when absent, unsafe or not an image.
   */
  emojiFile(pack: string, path: string): Outcome<{ body: Uint8Array; contentType: ImageType } | { redirect: string } | null> {
    return this.files.emojiFile(pack, path);
  }
}
