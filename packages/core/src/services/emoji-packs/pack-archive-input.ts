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
    return isRecord(value) && withinJsonDepth(value, 32) ? value : null;
  } catch {
    return null;
  }
}

/** True when `value` nests arrays and objects at most `max` deep; iterative, so any depth is safe. */
export function withinJsonDepth(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > max) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return true;
}
