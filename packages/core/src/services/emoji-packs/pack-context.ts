/**
 * What every part of the pack service shares: its options and limits, the error constructor,
 * the per-pack lock, the name checks and the rendered view of a pack.
 */
import { errAsync, okAsync } from "neverthrow";
import { isUnsafePathError } from "../../files/unsafe-path-error.js";
import { appError, type AppError, type ErrorCode } from "../../errors/index.js";
import type { HttpClient } from "../../ports/http-client.js";
import type { Logger } from "../../ports/infrastructure.js";
import { fromPort, type Outcome } from "../../result.js";
import type { EmojiCatalog } from "../emoji/emoji-catalog.js";
import type { PackLibrary, PackMeta, StoredPack } from "./pack-library.js";
import { isValidPackName } from "./pack-names.js";

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
  /** Deadline for fetching an archive or emoji file (JSON uses the client's default). Default 120 s. */
  readonly archiveTimeoutMs: number;
}

/** The limits used where a kit does not set its own. */
export const defaultEmojiPackLimits: EmojiPackLimits = {
  maxFileBytes: 5_000_000,
  maxArchiveBytes: 100_000_000,
  maxArchiveEntries: 10_000,
  maxExtractedBytes: 250_000_000,
  maxJsonBytes: 10_000_000,
  archiveTimeoutMs: 120_000,
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

/** What the pack service is built from. */
export interface EmojiPacksDeps {
  readonly library: PackLibrary;
  readonly http: HttpClient;
  /** The global emoji table, for Akkoma's "shortcode already exists anywhere" rule. */
  readonly catalog: EmojiCatalog;
  readonly limits?: Partial<EmojiPackLimits>;
  readonly logger: Logger;
}

/** The shared state and checks of the pack service's parts. */
export class PackContext {
  readonly limits: EmojiPackLimits;

  constructor(readonly deps: EmojiPacksDeps) {
    this.limits = { ...defaultEmojiPackLimits, ...deps.limits };
  }

  get library(): PackLibrary {
    return this.deps.library;
  }

  /** Runs `fn` under the pack's lock; thrown AppErrors become Err, anything else INTERNAL. */
  locked<T>(name: string, fn: () => Promise<T>): Outcome<T> {
    return fromPort(() => this.deps.library.withLock(name, () => this.refusingUnsafe(fn)));
  }

  /** A path the store refuses (a symlink planted in a pack, say) is the client's bad path, not a 500. */
  async refusingUnsafe<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isUnsafePathError(error)) throw this.error("EMOJI_FILENAME_INVALID");
      throw error;
    }
  }

  loadOr(name: string, code: "PACK_NOT_FOUND"): Outcome<StoredPack> {
    return fromPort(() => this.deps.library.load(name)).andThen((pack) =>
      pack ? okAsync(pack) : errAsync(this.error(code, `Pack ${name} does not exist`)),
    );
  }

  /** Name checks of show/create/delete: trimmed; blank -> 400 "cannot be empty". */
  trimmedName(raw: string): Outcome<string> {
    const name = raw.trim();
    if (name === "") return errAsync(this.error("PACK_NAME_EMPTY"));
    return this.validName(name).map(() => name);
  }

  validName(name: string): Outcome<void> {
    if (name === "") return errAsync(this.error("PACK_NAME_EMPTY"));
    return isValidPackName(name) ? okAsync(undefined) : errAsync(this.error("PACK_NAME_INVALID"));
  }

  /** The files endpoints answer a bad or missing pack with `pack "<name>" is not found` first. */
  filesPack(name: string): Outcome<void> {
    if (name === "" || !isValidPackName(name)) {
      return errAsync(name === "" ? this.error("PACK_FILES_NOT_FOUND", `pack "${name}" is not found`) : this.error("PACK_NAME_INVALID"));
    }
    return okAsync(undefined);
  }

  async view(pack: StoredPack, codes: readonly string[]): Promise<PackView> {
    const info = await this.deps.library.archiveInfo(pack);
    const meta: PackMeta = { ...pack.meta, "can-download": info.downloadable };
    delete meta["download-sha256"];
    if (info.sha256) meta["download-sha256"] = info.sha256;
    const files: Record<string, string> = {};
    for (const code of codes) files[code] = pack.files[code]!;
    return { files, files_count: Object.keys(pack.files).length, pack: meta };
  }

  error(code: ErrorCode, message?: string): AppError {
    return appError(code, message === undefined ? {} : { message });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
