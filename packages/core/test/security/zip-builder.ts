/**
 * Writes ZIP archives byte by byte, so tests can forge what no archiver writes: names that differ
 * between the local header and the central directory, duplicate entries, lying sizes, extra fields
 * and comments, broken directory offsets and signatures.
 */
import { crc32, deflateRawSync } from "node:zlib";

export interface ForgedEntry {
  readonly name: string;
  readonly data: Uint8Array;
  /** 0 stored, 8 deflated (default 8). */
  readonly method?: 0 | 8;
  /** Name written in the local header; default `name`. */
  readonly localName?: string;
  /** Uncompressed size declared in both headers; default the real size. */
  readonly declaredSize?: number;
  /** Extra field (same bytes in both headers) and entry comment (central directory only). */
  readonly extra?: Uint8Array;
  readonly comment?: string;
  /** Host byte of "version made by" (3 = unix) and the external attributes. */
  readonly madeBy?: number;
  readonly external?: number;
  /** General-purpose flags (bit 0: encrypted). */
  readonly flags?: number;
}

export interface ForgedZip {
  readonly entries: readonly ForgedEntry[];
  /** Archive comment after the end record. */
  readonly comment?: string;
  /** Overrides of end-record fields. */
  readonly cdOffset?: number;
  readonly cdSize?: number;
  /** Corrupts the signature of the central directory header at this index. */
  readonly badCdSignatureAt?: number;
  /** Disk numbers of the end record (multi-disk archives). */
  readonly disk?: number;
  /** Entry count written in the end record; default the number of entries. */
  readonly count?: number;
}

export function forgeZip(spec: ForgedZip): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  spec.entries.forEach((e, index) => {
    const method = e.method ?? 8;
    const payload = method === 8 ? deflateRawSync(e.data) : Buffer.from(e.data);
    const size = e.declaredSize ?? e.data.byteLength;
    const name = Buffer.from(e.name);
    const localName = Buffer.from(e.localName ?? e.name);
    const extra = Buffer.from(e.extra ?? new Uint8Array(0));
    const comment = Buffer.from(e.comment ?? "");
    const crc = crc32(e.data);

    const lfh = Buffer.alloc(30);
    lfh.writeUInt32LE(0x04034b50, 0);
    lfh.writeUInt16LE(20, 4);
    lfh.writeUInt16LE(method, 8);
    lfh.writeUInt32LE(crc, 14);
    lfh.writeUInt32LE(payload.byteLength, 18);
    lfh.writeUInt32LE(size, 22);
    lfh.writeUInt16LE(localName.byteLength, 26);
    lfh.writeUInt16LE(extra.byteLength, 28);
    const local = Buffer.concat([lfh, localName, extra, payload]);

    const cdh = Buffer.alloc(46);
    cdh.writeUInt32LE(index === spec.badCdSignatureAt ? 0x02014b51 : 0x02014b50, 0);
    cdh.writeUInt8(20, 4);
    cdh.writeUInt8(e.madeBy ?? 0, 5);
    cdh.writeUInt16LE(20, 6);
    cdh.writeUInt16LE(e.flags ?? 0, 8);
    cdh.writeUInt16LE(method, 10);
    cdh.writeUInt32LE(crc, 16);
    cdh.writeUInt32LE(payload.byteLength, 20);
    cdh.writeUInt32LE(size, 24);
    cdh.writeUInt16LE(name.byteLength, 28);
    cdh.writeUInt16LE(extra.byteLength, 30);
    cdh.writeUInt16LE(comment.byteLength, 32);
    cdh.writeUInt32LE(e.external ?? 0, 38);
    cdh.writeUInt32LE(offset, 42);
    centrals.push(Buffer.concat([cdh, name, extra, comment]));
    locals.push(local);
    offset += local.byteLength;
  });
  const cd = Buffer.concat(centrals);
  const comment = Buffer.from(spec.comment ?? "");
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(spec.disk ?? 0, 4);
  eocd.writeUInt16LE(spec.count ?? spec.entries.length, 8);
  eocd.writeUInt16LE(spec.count ?? spec.entries.length, 10);
  eocd.writeUInt32LE(spec.cdSize ?? cd.byteLength, 12);
  eocd.writeUInt32LE(spec.cdOffset ?? offset, 16);
  eocd.writeUInt16LE(comment.byteLength, 20);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd, comment]));
}

/** Bytes that deflate does not shrink (a xorshift stream: deterministic, incompressible). */
export function noise(length: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
