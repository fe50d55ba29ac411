/**
 * Password hashes for hosts: new hashes use scrypt (memory-hard, from @noble/hashes, run in
 * small slices so the event loop keeps serving), and Pleroma's `$pbkdf2-sha512$` hashes still
 * verify, so a server migrating from Pleroma or Akkoma keeps its users' passwords.
 */
import { pbkdf2 as nodePbkdf2, randomBytes, timingSafeEqual } from "node:crypto";
import { scryptAsync } from "@noble/hashes/scrypt.js";

/** scrypt cost parameters as written into the hash (`ln` = log2 of N). */
export interface ScryptParams {
  readonly ln: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The cost new hashes get: N = 2^14, r = 8 (16 MiB), p = 1. Measured on the project's 2-core
 * build machine under load: about 100 ms per hash (2^13: ~50 ms, 2^15: ~200 ms).
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { ln: 14, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on parameters read from a stored hash, so a corrupt row cannot pin the CPU or memory. */
const MAX_LN = 20;
const MAX_PBKDF2_ROUNDS = 10_000_000;

/**
 * Hashes a password for storage: `$scrypt$ln=14,r=8,p=1$<salt>$<key>` (PHC string format,
 * unpadded standard base64, 16-byte random salt, 32-byte key).
 *
 * @example
 * const stored = await hashPassword("correct horse");
 * await verifyPassword("correct horse", stored); // true
 */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  checkScryptParams(params);
  const salt = new Uint8Array(randomBytes(SALT_BYTES));
  const key = await scryptKey(password, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

/**
 * Checks a password against a stored hash: this module's `$scrypt$` format or Pleroma's
 * `$pbkdf2-sha512$<rounds>$<salt>$<hash>` (also `-sha256`), whose base64 is unpadded with `+`
 * written as `.`. Compares in constant time. Unknown or malformed hashes verify as false.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual =
    parsed.kind === "scrypt"
      ? await scryptKey(password, parsed.salt, parsed.params, parsed.key.length)
      : await pbkdf2Key(password, parsed.salt, parsed.rounds, parsed.digest, parsed.key.length);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

/**
 * True when a stored hash should be replaced after a successful login: a Pleroma PBKDF2 hash,
 * or scrypt weaker than `params`. Hosts re-hash with {@link hashPassword} then.
 */
export function passwordNeedsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parseHash(stored);
  if (!parsed || parsed.kind !== "scrypt") return true;
  return parsed.params.ln < params.ln || parsed.params.r < params.r || parsed.params.p < params.p;
}

type Parsed =
  | { kind: "scrypt"; params: ScryptParams; salt: Uint8Array; key: Uint8Array }
  | { kind: "pbkdf2"; digest: "sha512" | "sha256"; rounds: number; salt: Uint8Array; key: Uint8Array };

function parseHash(stored: string): Parsed | null {
  const parts = stored.split("$");
  if (parts.length !== 5 || parts[0] !== "") return null;
  const [, id, settings, salt64, key64] = parts as [string, string, string, string, string];
  if (id === "scrypt") {
    const m = /^ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})$/.exec(settings);
    if (!m) return null;
    const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
    const salt = unb64(salt64);
    const key = unb64(key64);
    if (!salt || !key || key.length === 0 || !validScryptParams(params)) return null;
    return { kind: "scrypt", params, salt, key };
  }
  if (id === "pbkdf2-sha512" || id === "pbkdf2-sha256") {
    if (!/^\d{1,8}$/.test(settings)) return null;
    const rounds = Number(settings);
    // Pleroma's base64 writes `+` as `.` (comeonin's adapted alphabet).
    const salt = unb64(salt64.replaceAll(".", "+"));
    const key = unb64(key64.replaceAll(".", "+"));
    if (!salt || !key || key.length === 0 || rounds < 1 || rounds > MAX_PBKDF2_ROUNDS) return null;
    return { kind: "pbkdf2", digest: id === "pbkdf2-sha512" ? "sha512" : "sha256", rounds, salt, key };
  }
  return null;
}

async function scryptKey(password: string, salt: Uint8Array, params: ScryptParams, dkLen = KEY_BYTES): Promise<Uint8Array> {
  return scryptAsync(password.normalize("NFC"), salt, { N: 2 ** params.ln, r: params.r, p: params.p, dkLen, asyncTick: 10 });
}

/** Pleroma's hashes are checked with Node's native PBKDF2 off the main thread: 160 000 rounds take ~100 ms there, ~1 s in JS. */
function pbkdf2Key(password: string, salt: Uint8Array, rounds: number, digest: string, dkLen: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    nodePbkdf2(password, salt, rounds, dkLen, digest, (error, key) => (error ? reject(error) : resolve(new Uint8Array(key)))),
  );
}

function validScryptParams(p: ScryptParams): boolean {
  return Number.isInteger(p.ln) && p.ln >= 1 && p.ln <= MAX_LN && p.r >= 1 && p.p >= 1 && p.r * p.p < 2 ** 30;
}

function checkScryptParams(p: ScryptParams): void {
  if (!validScryptParams(p)) throw new TypeError(`pleroma-kit: invalid scrypt parameters ${JSON.stringify(p)}`);
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64").replace(/=+$/, "");
}

function unb64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*$/.test(text) || text.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(text, "base64"));
}
