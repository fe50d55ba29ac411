/**
 * Archives a pack operation receives (an uploaded zip, a remote pack's archive or fallback):
 * read within the pack limits, with unsafe archives answered as the client's ARCHIVE_INVALID.
 */
import { createHash } from "node:crypto";
import { extractZipEntry, readZipDirectory, UnsafeArchiveError, type ZipLimits } from "../../archives/zip-reader.js";
import { isRecord, type PackContext } from "./pack-context.js";

/** One entry of an archive's central directory. */
export type PackArchiveEntry = ReturnType<typeof readZipDirectory>[number];

export class PackArchiveInput {
  constructor(private readonly ctx: PackContext) {}

  /** The archive's entries; too many, too large or malformed throws ARCHIVE_INVALID. */
  entries(zip: Uint8Array): PackArchiveEntry[] {
    const limits: ZipLimits = {
      maxEntries: this.ctx.limits.maxArchiveEntries,
      maxTotalBytes: this.ctx.limits.maxExtractedBytes,
      maxEntryBytes: this.ctx.limits.maxExtractedBytes,
    };
    try {
      return readZipDirectory(zip, limits);
    } catch (error) {
      throw this.archiveError(error);
    }
  }

  extract(zip: Uint8Array, entry: PackArchiveEntry): Uint8Array {
    try {
      return extractZipEntry(zip, entry);
    } catch (error) {
      throw this.archiveError(error);
    }
  }

  private archiveError(error: unknown): unknown {
    return error instanceof UnsafeArchiveError ? this.ctx.error("ARCHIVE_INVALID", `Invalid archive: ${error.reason}`) : error;
  }
}

/** Upper-case hex SHA-256, as Akkoma writes `download-sha256` and `fallback-src-sha256`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").toUpperCase();
}

/** A JSON object from bytes; null for anything else or invalid JSON. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}
