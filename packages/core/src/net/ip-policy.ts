/**
 * Which addresses a server-side fetch may connect to. Works on the 16-byte form of an address so
 * every spelling (`127.1`, `0x7f.1`, `2130706433`, `::ffff:127.0.0.1`, `::ffff:7f00:1`) lands on
 * the same bytes before any rule is applied.
 */
import { isIPv4, isIPv6 } from "node:net";

/** An address as 16 bytes (IPv4 as IPv4-mapped IPv6) plus whether it was written as IPv4. */
export interface IpBytes {
  readonly bytes: Uint8Array;
  readonly v4: boolean;
}

/** Parses a canonical IPv4 or IPv6 literal (brackets and zone ids allowed); null otherwise. */
export function parseIp(input: string): IpBytes | null {
  let s = input.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (isIPv4(s)) {
    const out = new Uint8Array(16);
    out[10] = 0xff;
    out[11] = 0xff;
    s.split(".").forEach((p, i) => (out[12 + i] = Number(p)));
    return { bytes: out, v4: true };
  }
  if (!isIPv6(s)) return null;
  const lastColon = s.lastIndexOf(":");
  const last = s.slice(lastColon + 1);
  if (last.includes(".")) {
    // A trailing dotted quad (`::ffff:127.0.0.1`) is two hex groups.
    const q = last.split(".").map(Number);
    s = `${s.slice(0, lastColon + 1)}${((q[0]! << 8) | q[1]!).toString(16)}:${((q[2]! << 8) | q[3]!).toString(16)}`;
  }
  const double = s.indexOf("::");
  const hex = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const head = hex(double >= 0 ? s.slice(0, double) : s);
  const tail = double >= 0 ? hex(s.slice(double + 2)) : [];
  const groups = double >= 0 ? [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail] : head;
  if (groups.length !== 8) return null;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return { bytes: out, v4: false };
}

/** A parsed CIDR block. */
export interface Cidr {
  readonly bytes: Uint8Array;
  /** Prefix length in the 128-bit space. */
  readonly bits: number;
}

/** Parses `a.b.c.d/n`, `x::/n` or a single address; null when malformed (a prefix is 0-32 or 0-128 in decimal). */
export function parseCidr(input: string): Cidr | null {
  const parts = input.split("/");
  if (parts.length > 2) return null;
  const [addr, len] = parts;
  const ip = parseIp(addr ?? "");
  if (!ip) return null;
  const max = ip.v4 ? 32 : 128;
  // Digits only: Number() would read "", " 8" and "0x8" as prefixes, so "10.0.0.1/" would allow
  // every IPv4 address.
  if (len !== undefined && !/^[0-9]{1,3}$/.test(len)) return null;
  const n = len === undefined ? max : Number(len);
  if (n > max) return null;
  return { bytes: ip.bytes, bits: ip.v4 ? n + 96 : n };
}

/** True when `ip` lies inside `cidr`. */
export function inCidr(ip: Uint8Array, cidr: Cidr): boolean {
  let bits = cidr.bits;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip[i]! & mask) !== (cidr.bytes[i]! & mask)) return false;
  }
  return true;
}

const cidrs = (list: string[]) => list.map((c) => parseCidr(c)!);

/** IPv4 special-use blocks (RFC 6890 and successors): nothing a public server lives on. */
const V4_SPECIAL = cidrs([
  "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
  "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
  "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
  "224.0.0.0/4", "240.0.0.0/4",
]);

/** IPv6 special-use blocks, including every prefix that embeds an IPv4 address. */
const V6_SPECIAL = cidrs([
  "::/96", // unspecified, loopback and the deprecated IPv4-compatible form
  "::ffff:0:0/96", // IPv4-mapped: checked again as IPv4 below, refused here as a whole
  "::ffff:0:0:0/96", // IPv4-translated
  "64:ff9b::/96", "64:ff9b:1::/48", // NAT64
  "100::/64", // discard
  "2001::/23", // IETF protocol assignments (Teredo, ORCHID, benchmarking...)
  "2001:db8::/32", // documentation
  "2002::/16", // 6to4
  "3fff::/20", // documentation
  "5f00::/16", // SRv6
  "fc00::/7", // unique-local
  "fe80::/10", // link-local
  "fec0::/10", // site-local (deprecated)
  "ff00::/8", // multicast
]);

const V4_MAPPED = parseCidr("::ffff:0:0/96")!;

/**
 * True when a fetch must not connect to this address: loopback, private, link-local, unique-local,
 * multicast, unspecified, documentation, CGNAT and the other special-use ranges.
 */
export function isSpecialUse(ip: Uint8Array): boolean {
  if (inCidr(ip, V4_MAPPED)) return V4_SPECIAL.some((c) => inCidr(ip, c));
  return V6_SPECIAL.some((c) => inCidr(ip, c));
}
