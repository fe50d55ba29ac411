/**
 * Defensive ZIP reading (security.md "Files, packs and archives"). The central directory is parsed
 * and judged before a single byte is inflated: entry count, declared total size, names (no
 * traversal, absolute paths, backslashes, drive letters, NUL), and types (symlinks and devices
 * refused from the unix mode in the external attributes). Inflating then enforces each entry's
 * declared size again, so a header that lies about sizes cannot bomb memory.
 */
import { crc32 } from "node:zlib";
import { Inflate } from "fflate";

/** Limits applied before and during extraction. */
export interface ZipLimits {
  readonly maxEntries: number;
  /** Sum of uncompressed sizes of the regular files. */
  readonly maxTotalBytes: number;
  /** Largest single file. */
  readonly maxEntryBytes: number;
}

/** One regular file of the archive, as its central directory describes it. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly method: 0 | 8;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  /** The CRC-32 the central directory declares; extraction checks the bytes against it. */
  readonly crc32?: number;
}

/** Why an archive was refused; `reason` is safe to show to an admin. */
export class UnsafeArchiveError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "UnsafeArchiveError";
  }
}

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/**
 * Reads and validates the central directory; returns the regular files (directories are
 * skipped). Throws {@link UnsafeArchiveError} for anything unsafe or malformed.
 */
export function readZipDirectory(zip: Uint8Array, limits: ZipLimits): ZipEntryInfo[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = findEocd(view);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new UnsafeArchiveError("ZIP64 archives are not supported");
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 8, true) !== count) {
    throw new UnsafeArchiveError("multi-disk archives are not supported");
  }
  if (count > limits.maxEntries) throw new UnsafeArchiveError(`too many entries (${count} > ${limits.maxEntries})`);
  if (cdOffset + cdSize > eocd) throw new UnsafeArchiveError("corrupt central directory");

  const entries: ZipEntryInfo[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.byteLength || view.getUint32(p, true) !== CDH) throw new UnsafeArchiveError("corrupt central directory");
    const madeBy = view.getUint8(p + 5);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const external = view.getUint32(p + 38, true);
    const localOffset = view.getUint32(p + 42, true);
    const rawName = zip.subarray(p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    const name = decodeName(rawName);
    if (flags & 0x1) throw new UnsafeArchiveError(`encrypted entry: ${name}`);
    const mode = madeBy === 3 ? external >>> 16 : 0;
    const type = mode & S_IFMT;
    const isDir = name.endsWith("/") || type === S_IFDIR || (madeBy !== 3 && (external & 0x10) !== 0);
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
      throw new UnsafeArchiveError(`not a regular file (symlink or device): ${name}`);
    }
    const path = safeEntryName(isDir ? name.replace(/\/$/, "") : name);
    if (path === null) throw new UnsafeArchiveError(`unsafe path: ${JSON.stringify(name)}`);
    if (isDir) continue;
    if (method !== 0 && method !== 8) throw new UnsafeArchiveError(`unsupported compression method ${method}: ${path}`);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new UnsafeArchiveError("ZIP64 entries are not supported");
    if (seen.has(path)) throw new UnsafeArchiveError(`duplicate entry: ${path}`);
    seen.add(path);
    if (size > limits.maxEntryBytes) throw new UnsafeArchiveError(`entry too large: ${path}`);
    total += size;
    if (total > limits.maxTotalBytes) throw new UnsafeArchiveError(`archive too large when extracted (over ${limits.maxTotalBytes} bytes)`);
    entries.push({ name: path, method: method as 0 | 8, compressedSize, size, localOffset, crc32: crc });
  }
  return entries;
}

/** Inflates one entry, refusing output beyond its declared size (and beyond `maxBytes`). */
export function extractZipEntry(zip: Uint8Array, entry: ZipEntryInfo): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const p = entry.localOffset;
  if (p + 30 > zip.byteLength || view.getUint32(p, true) !== LFH) throw new UnsafeArchiveError(`corrupt local header: ${entry.name}`);
  const nameLen = view.getUint16(p + 26, true);
  const extraLen = view.getUint16(p + 28, true);
  const localName = safeEntryName(decodeName(zip.subarray(p + 30, p + 30 + nameLen)));
  if (localName !== entry.name) throw new UnsafeArchiveError(`local header does not match directory: ${entry.name}`);
  const start = p + 30 + nameLen + extraLen;
  const end = start + entry.compressedSize;
  if (end > zip.byteLength) throw new UnsafeArchiveError(`truncated entry: ${entry.name}`);
  const data = zip.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new UnsafeArchiveError(`size mismatch: ${entry.name}`);
    return checkCrc(entry, data.slice());
  }
  const out = new Uint8Array(entry.size);
  let written = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    if (written + chunk.byteLength > entry.size) throw new UnsafeArchiveError(`entry inflates past its declared size: ${entry.name}`);
    out.set(chunk, written);
    written += chunk.byteLength;
    if (final) ended = true;
  });
  // Small input steps bound how much one push can produce before the size check runs.
  const STEP = 4096;
  try {
    for (let i = 0; i < data.byteLength; i += STEP) inflate.push(data.subarray(i, i + STEP), i + STEP >= data.byteLength);
    if (data.byteLength === 0) inflate.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof UnsafeArchiveError) throw error;
    throw new UnsafeArchiveError(`corrupt data: ${entry.name}`);
  }
  if (!ended || written !== entry.size) throw new UnsafeArchiveError(`entry is shorter than declared: ${entry.name}`);
  return checkCrc(entry, out);
}

/** A corrupted or tampered entry is refused, not installed (the CRC is in the central directory). */
function checkCrc(entry: ZipEntryInfo, bytes: Uint8Array): Uint8Array {
  if (entry.crc32 !== undefined && crc32(bytes) >>> 0 !== entry.crc32) {
    throw new UnsafeArchiveError(`CRC-32 mismatch: ${entry.name}`);
  }
  return bytes;
}

/**
 * The entry path when it is a safe relative path (`a/b.png`); null for `..`, `.`, empty segments,
 * absolute paths, drive letters, backslashes, NUL and control characters.
 */
export function safeEntryName(name: string): string | null {
  if (name.length === 0 || name.length > 512) return null;
  if (/[\u0000-\u001f\u007f\\:]/.test(name)) return null;
  if (name.startsWith("/")) return null;
  const parts = name.split("/");
  if (parts.some((s) => s === "" || s === "." || s === "..")) return null;
  return name;
}

function decodeName(raw: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(raw);
}

function findEocd(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= min; i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  throw new UnsafeArchiveError("not a ZIP archive");
}
