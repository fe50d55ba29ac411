/**
 * Backup (recovery) codes: random, shown once, stored only as salted hashes.
 *
 * The hash is HMAC-SHA256 keyed with a 16-byte random salt per code, written
 * `$hmac-sha256$<salt>$<mac>` (base64url). A slow password KDF (Akkoma uses PBKDF2 with 160,000
 * rounds) protects low-entropy secrets; these codes carry 64 random bits each, so an offline search
 * of 2^64 per code is out of reach without key stretching, while a fast hash keeps login with a
 * code (one hash per stored code) and the 20-parallel-use test cheap. The salt makes equal codes
 * hash differently and defeats precomputed tables.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, randomBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { constantTimeEqual } from "./constant-time.js";

const PREFIX = "$hmac-sha256$";

/** New codes: `count` codes of `length` lowercase hex characters (Akkoma: 5 of 16). */
export function generateBackupCodes(count: number, length: number): string[] {
  return Array.from({ length: count }, () => bytesToHex(randomBytes(Math.max(1, Math.floor(length / 2)))));
}

/** The salted hash stored for a code. */
export function hashBackupCode(code: string, salt: Uint8Array = randomBytes(16)): string {
  return `${PREFIX}${b64url(salt)}$${b64url(hmac(sha256, salt, utf8ToBytes(code)))}`;
}

/** True when `code` hashes to `stored` (constant-time on the MAC). Unknown formats never match. */
export function verifyBackupCode(code: string, stored: string): boolean {
  if (!stored.startsWith(PREFIX)) return false;
  const [salt, mac] = stored.slice(PREFIX.length).split("$");
  if (!salt || !mac) return false;
  const expected = hmac(sha256, Buffer.from(salt, "base64url"), utf8ToBytes(code));
  return constantTimeEqual(expected, Buffer.from(mac, "base64url"));
}

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}
