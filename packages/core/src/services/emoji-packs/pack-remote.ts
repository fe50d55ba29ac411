/**
 * Other instances' packs: the guarded fetch every remote read goes through, the nodeinfo sharing
 * check, the remote pack list, and the verified download of a remote pack.
 */
import type { HttpResult } from "../../ports/http-client.js";
import { fromPort, type Outcome } from "../../result.js";
import { sniffImageType } from "./image-type.js";
import { foldPackName, packJsonBytes, type PackMeta } from "./pack-library.js";
import { isValidEmojiFilename, isValidShortcode } from "./pack-names.js";
import { isRecord, type PackContext } from "./pack-context.js";
import { parseJsonObject, sha256Hex, withinJsonDepth, type PackArchiveInput } from "./pack-archive-input.js";

/** Remote show pages are asked this large, so a pack of any size takes few requests. */
const REMOTE_PAGE_SIZE = 500;
/** Deepest remote JSON accepted (a pack list is 4 levels deep; metadata adds a few). */
export const MAX_REMOTE_JSON_DEPTH = 32;

export class PackRemote {
  constructor(
    private readonly ctx: PackContext,
    private readonly archives: PackArchiveInput,
  ) {}

  /** `GET /emoji/packs/remote`: another instance's pack list, verbatim, after the nodeinfo check. */
  list(url: string, page: number | undefined, pageSize: number | undefined): Outcome<unknown> {
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
    const { ctx } = this;
    const name = as ?? remoteName;
    return ctx.validName(name).andThen(() =>
      ctx.locked(foldPackName(name), async () => {
        const library = ctx.library;
        if (await library.exists(name)) throw ctx.error("PACK_EXISTS", `A pack named "${name}" already exists`);
        const similar = await library.lookAlike(name);
        if (similar !== null) throw ctx.error("PACK_EXISTS", `A pack named "${similar}" already exists`);
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
          throw ctx.error("REMOTE_NOT_SHARED");
        }
        const archive = await this.fetch(source.url, ctx.limits.maxArchiveBytes, ctx.limits.archiveTimeoutMs);
        if (sha256Hex(archive.body) !== source.sha.toUpperCase()) throw ctx.error("REMOTE_SHA_MISMATCH");

        const entries = new Map(this.archives.entries(archive.body).map((e) => [e.name, e]));
        let packMeta: PackMeta = {};
        const files: Record<string, string> = { ...remote.files };
        if (source.shared) {
          const manifest = entries.get("pack.json");
          const parsed = manifest ? parseJsonObject(this.archives.extract(archive.body, manifest)) : null;
          if (!parsed) throw ctx.error("ARCHIVE_INVALID", "Invalid archive: pack.json is missing or invalid");
          if (isRecord(parsed.pack)) packMeta = parsed.pack;
          if (isRecord(parsed.files)) for (const [code, path] of Object.entries(parsed.files)) if (typeof path === "string") files[code] = path;
        }
        for (const [code, path] of Object.entries(files)) {
          if (!isValidShortcode(code)) throw ctx.error("ARCHIVE_INVALID", `Invalid archive: unusable shortcode ${JSON.stringify(code)}`);
          if (!isValidEmojiFilename(path)) throw ctx.error("ARCHIVE_INVALID", `Invalid archive: unusable file name ${JSON.stringify(path)}`);
        }

        const staging = library.stagingKey();
        try {
          for (const path of new Set(Object.values(files))) {
            const entry = entries.get(path);
            if (!entry) throw ctx.error("ARCHIVE_INVALID", `Invalid archive: ${path} is missing`);
            // The per-file limit of uploads applies to every path that writes pack files.
            if (entry.size > ctx.limits.maxFileBytes) throw ctx.error("EMOJI_FILE_TOO_LARGE", `The file is too large: ${path}`);
            const bytes = this.archives.extract(archive.body, entry);
            if (!sniffImageType(bytes)) throw ctx.error("ARCHIVE_INVALID", `Invalid archive: ${path} is not a supported image`);
            await library.files.write(`${staging}/${path}`, bytes, { maxBytes: ctx.limits.maxFileBytes });
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

  /** Akkoma's feature check: the last nodeinfo link must list `shareable_emoji_packs`. */
  private async requireSharing(origin: string): Promise<void> {
    const index = await this.fetchJson(`${origin}/.well-known/nodeinfo`);
    const links = isRecord(index) && Array.isArray(index.links) ? index.links : [];
    const last: unknown = links[links.length - 1];
    const href = isRecord(last) && typeof last.href === "string" ? last.href : null;
    if (!href) throw this.ctx.error("REMOTE_UNSUPPORTED");
    const info = await this.fetchJson(href);
    const features = isRecord(info) && isRecord(info.metadata) ? info.metadata.features : null;
    if (!Array.isArray(features) || !features.includes("shareable_emoji_packs")) throw this.ctx.error("REMOTE_UNSUPPORTED");
  }

  /** The remote pack's metadata and its complete file list, read page by page. */
  private async remotePack(origin: string, name: string): Promise<{ pack: PackMeta; files: Record<string, string> }> {
    const files: Record<string, string> = {};
    let pack: PackMeta = {};
    const maxPages = Math.ceil(this.ctx.limits.maxArchiveEntries / REMOTE_PAGE_SIZE) + 1;
    for (let page = 1; page <= maxPages; page++) {
      const query = new URLSearchParams({ name, page: String(page), page_size: String(REMOTE_PAGE_SIZE) });
      const body = await this.fetchJson(`${origin}/api/v1/pleroma/emoji/pack?${query}`);
      if (!isRecord(body) || !isRecord(body.pack) || !isRecord(body.files)) {
        throw this.ctx.error("REMOTE_FETCH_FAILED", `The remote pack ${name} could not be read`);
      }
      if (page === 1) pack = body.pack;
      const before = Object.keys(files).length;
      for (const [code, path] of Object.entries(body.files)) if (typeof path === "string") files[code] = path;
      const total = typeof body.files_count === "number" ? body.files_count : 0;
      const count = Object.keys(files).length;
      if (count >= total || count === before) return { pack, files };
    }
    throw this.ctx.error("ARCHIVE_INVALID", "Invalid archive: the remote pack has too many files");
  }

  private async fetchJson(url: string): Promise<unknown> {
    const res = await this.fetch(url, this.ctx.limits.maxJsonBytes);
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(res.body));
    } catch {
      throw this.ctx.error("REMOTE_FETCH_FAILED", `The remote answered ${res.status} without JSON`);
    }
    // A remote list nested thousands deep would overflow the stack when it is answered verbatim.
    if (!withinJsonDepth(value, MAX_REMOTE_JSON_DEPTH)) throw this.ctx.error("REMOTE_FETCH_FAILED", "The remote answered JSON nested too deeply");
    return value;
  }

  /** A guarded fetch; policy and transport failures become REMOTE_FETCH_FAILED with the reason. */
  async fetch(url: string, maxBytes: number, timeoutMs?: number): Promise<HttpResult> {
    try {
      return await this.ctx.deps.http.get(url, timeoutMs === undefined ? { maxBytes } : { maxBytes, timeoutMs });
    } catch (error) {
      const kind = (error as { kind?: string }).kind;
      if (!kind) throw error;
      // The client gets a generic reason; the detail (which address, which socket error) is for the admin's log.
      this.ctx.deps.logger.warn("emoji pack remote fetch failed", { url, kind, message: (error as Error).message });
      const reason =
        kind === "refused-address" ? "the address is not allowed"
        : kind === "refused-scheme" ? "only http(s) URLs are allowed"
        : kind === "too-large" ? "the response is too large"
        : kind === "timeout" ? "the remote did not answer in time"
        : kind === "too-many-redirects" ? "too many redirects"
        : "the remote could not be reached";
      throw this.ctx.error("REMOTE_FETCH_FAILED", `The remote resource could not be fetched: ${reason}`);
    }
  }

  private originOf(url: string): string {
    try {
      const parsed = new URL(url.trim());
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new TypeError();
      return parsed.origin;
    } catch {
      throw this.ctx.error("REMOTE_FETCH_FAILED", "The remote resource could not be fetched: invalid URL");
    }
  }
}
