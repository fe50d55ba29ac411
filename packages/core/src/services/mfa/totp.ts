/**
 * TOTP (RFC 6238) as every authenticator app expects it: HMAC-SHA1, 6 digits, 30 s steps.
 * Implemented here over @noble/hashes rather than a TOTP library so that the drift window and the
 * constant-time comparison are ours to guarantee; tests check it against otpauth.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { constantTimeEqual } from "./constant-time.js";

/** Seconds per time step. */
export const TOTP_PERIOD = 30;
/** Digits per code. */
export const TOTP_DIGITS = 6;
/** Steps of clock drift accepted either way (security.md: at most one). */
export const TOTP_DRIFT = 1;
/** Secret size in bytes: 160 bits, RFC 4226's recommendation (Akkoma uses 80). */
export const TOTP_SECRET_BYTES = 20;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32, uppercase, without padding (what authenticator apps accept). */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes RFC 4648 base32 (case-insensitive, padding ignored); throws on other characters. */
export function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/=+$/, "").toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new TypeError("invalid base32");
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** A new TOTP secret from the CSPRNG: 160 bits, base32 (32 characters). */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(TOTP_SECRET_BYTES));
}

/** The time step of a moment. */
export function timeStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD);
}

/** The code of `secret` at time step `step` (RFC 4226 dynamic truncation). */
export function totpCode(secret: string, step: number): string {
  const counter = new Uint8Array(8);
  new DataView(counter.buffer).setBigUint64(0, BigInt(step));
  const mac = hmac(sha1, base32Decode(secret), counter);
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, "0");
}

/**
 * The time step within ±{@link TOTP_DRIFT} of `now` whose code equals `code`, or null. Every
 * candidate is computed and compared in constant time, so timing says nothing about which matched.
 * A code that is not exactly six ASCII digits never matches.
 */
export function matchTotp(secret: string, code: string, now: Date): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const current = timeStep(now);
  let found: number | null = null;
  for (let step = current - TOTP_DRIFT; step <= current + TOTP_DRIFT; step++) {
    const same = constantTimeEqual(totpCode(secret, step), code);
    if (same && found === null) found = step;
  }
  return found;
}

/**
 * The `otpauth://` URI an authenticator app scans, shaped like Akkoma's (keys alphabetical, issuer
 * form-encoded). The label is `issuer:account` as Google Authenticator's key-URI format describes.
 */
export function provisioningUri(options: { secret: string; issuer: string; account: string }): string {
  const form = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
  const label = `${encodeURIComponent(options.issuer)}:${encodeURIComponent(options.account)}`;
  return `otpauth://totp/${label}?digits=${TOTP_DIGITS}&issuer=${form(options.issuer)}&period=${TOTP_PERIOD}&secret=${options.secret}`;
}
