/**
 * Pack administration (content.md 1.1-1.8): list, show, archive, create, edit metadata, delete,
 * and importing packs from folders without pack.json.
 */
import { errAsync } from "neverthrow";
import { fromPort, type Outcome } from "../../result.js";
import { foldPackName, type PackMeta, type StoredPack } from "./pack-library.js";
import { readEmojiTxt } from "./pack-emoji-catalog.js";
import { isValidEmojiFilename, isValidPackName, isValidShortcode, shortcodeFromFilename } from "./pack-names.js";
import type { PackContext, PackView } from "./pack-context.js";
import { sha256Hex, type PackArchiveInput } from "./pack-archive-input.js";
import type { PackRemote } from "./pack-remote.js";

export class PackAdmin {
  constructor(
    private readonly ctx: PackContext,
    private readonly remote: PackRemote,
    private readonly archives: PackArchiveInput,
  ) {}

  /** `GET /emoji/packs`: loadable packs (with pack.json), every file listed, packs paginated by name. */
  list(page: number | undefined, pageSize: number | undefined): Outcome<{ count: number; packs: Record<string, PackView> }> {
    return fromPort(async () => {
      const library = this.ctx.library;
      const names: string[] = [];
      const loaded = new Map<string, StoredPack>();
      for (const [name, paths] of await library.directories()) {
        if (!paths.includes("pack.json") || !isValidPackName(name)) continue;
        const pack = await library.load(name);
        if (!pack) continue; // invalid JSON: skipped instead of crashing the list
        names.push(name);
        loaded.set(name, pack);
      }
      const packs: Record<string, PackView> = {};
      for (const name of slicePage(names, page ?? 1, pageSize ?? 50)) {
        const pack = loaded.get(name)!;
        packs[name] = await this.ctx.view(pack, Object.keys(pack.files).sort());
      }
      return { count: names.length, packs };
    });
  }

  /** `GET /emoji/pack`: one pack, files paginated by shortcode; the hash covers the whole pack. */
  show(rawName: string, page: number | undefined, pageSize: number | undefined): Outcome<PackView> {
    const { ctx } = this;
    return ctx.trimmedName(rawName).andThen((name) =>
      ctx.loadOr(name, "PACK_NOT_FOUND").andThen((pack) =>
        fromPort(() => ctx.view(pack, slicePage(Object.keys(pack.files).sort(), page ?? 1, pageSize ?? 30))),
      ),
    );
  }

  /** `GET /emoji/packs/archive`: the zip stream, 403 when not shared or incomplete. */
  archive(name: string): Outcome<{ filename: string; body: ReadableStream<Uint8Array> }> {
    const { ctx } = this;
    return ctx
      .validName(name)
      .andThen(() => ctx.loadOr(name, "PACK_NOT_FOUND"))
      .andThen((pack) =>
        fromPort(() => ctx.library.archiveInfo(pack)).andThen((info) =>
          info.downloadable
            ? fromPort(() => ctx.library.archiveBody(pack)).map((body) => ({ filename: `${name}.zip`, body }))
            : errAsync(ctx.error("PACK_NOT_SHARED", `Pack ${name} cannot be downloaded from this instance, either pack sharing was disabled for this pack or some files are missing`)),
        ),
      );
  }

  /** `POST /emoji/pack`: an empty pack; 409 when anything of that name exists. */
  create(rawName: string): Outcome<"ok"> {
    const { ctx } = this;
    return ctx.trimmedName(rawName).andThen((name) =>
      // Locked on the folded name, so two look-alike creates cannot both pass the check.
      ctx.locked(foldPackName(name), async () => {
        const library = ctx.library;
        if (await library.exists(name)) throw ctx.error("PACK_EXISTS", `A pack named "${name}" already exists`);
        const similar = await library.lookAlike(name);
        if (similar !== null) throw ctx.error("PACK_EXISTS", `A pack named "${similar}" already exists`);
        await library.save(name, {}, {});
        return "ok" as const;
      }),
    );
  }

  /**
   * `PATCH /emoji/pack`: replaces the whole `pack` object. A new `fallback-src` is fetched, must
   * contain every listed file, and its hash is computed here (the client's value is ignored). An
   * empty `fallback-src` means "none": both fallback keys are dropped, nothing is fetched.
   */
  updateMetadata(name: string, metadata: PackMeta): Outcome<PackMeta> {
    const { ctx } = this;
    return ctx.validName(name).andThen(() =>
      ctx.locked(name, async () => {
        const pack = await ctx.library.load(name);
        if (!pack) throw ctx.error("PACK_NOT_FOUND", `Pack ${name} does not exist`);
        const meta: PackMeta = { ...metadata };
        const src = meta["fallback-src"];
        if (typeof src === "string" && src.trim() === "") {
          delete meta["fallback-src"];
          delete meta["fallback-src-sha256"];
        } else if (typeof src === "string" && src !== pack.meta["fallback-src"]) {
          const res = await this.remote.fetch(src, ctx.limits.maxArchiveBytes, ctx.limits.archiveTimeoutMs);
          const present = new Set(this.archives.entries(res.body).map((e) => e.name));
          if (!Object.values(pack.files).every((path) => present.has(path))) throw ctx.error("FALLBACK_INCOMPLETE");
          meta["fallback-src-sha256"] = sha256Hex(res.body);
        }
        await ctx.library.save(name, meta, pack.files);
        return meta;
      }),
    );
  }

  /** `DELETE /emoji/pack`: removes the directory (pack.json not required). */
  delete(rawName: string): Outcome<"ok"> {
    const { ctx } = this;
    return ctx.trimmedName(rawName).andThen((name) =>
      ctx.locked(name, async () => {
        const library = ctx.library;
        const key = library.key(name)!;
        if (!(await library.files.delete(key))) throw ctx.error("PACK_NOT_FOUND", `Pack ${name} does not exist`);
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
    const library = this.ctx.library;
    return fromPort(async () => {
      const imported: string[] = [];
      for (const [name, paths] of await library.directories()) {
        if (paths.includes("pack.json") || !isValidPackName(name)) continue;
        await library.withLock(name, async () => {
          const files: Record<string, string> = {};
          if (paths.includes("emoji.txt")) {
            for (const line of await readEmojiTxt(library, name)) {
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
          await library.save(name, {}, files);
          imported.push(name);
        });
      }
      return imported;
    });
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
