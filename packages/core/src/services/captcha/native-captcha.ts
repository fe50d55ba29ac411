import { hkdf } from "@noble/hashes/hkdf.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import type { CaptchaCheck, CaptchaChallenge, CaptchaProvider } from "../../ports/captcha.js";
import type { Clock } from "../../ports/infrastructure.js";
import { constantTimeEqual } from "../mfa/constant-time.js";
import { renderDigits } from "./captcha-image.js";

export interface NativeCaptchaOptions {
  /** Key material (at least 32 bytes). Every instance that verifies must have the same. */
  readonly secret: string | Uint8Array;
  readonly clock: Clock;
  /** Default 300 (Akkoma's `seconds_valid`). */
  readonly secondsValid?: number;
  /** Digits in the answer; default 6. */
  readonly length?: number;
  /** Draws the answer; default CSPRNG digits. Tests pass a known answer. */
  readonly answer?: (length: number) => string;
}

/**
 * The native captcha: an SVG of distorted digits drawn here (no external service) and an
 * `answer_data` of `<issued_at>.<integrity mac>.<answer mac>`. Both MACs are HMAC-SHA256 under a key
 * derived (HKDF) from the secret: the first binds token and issue time (a tampered or foreign
 * answer_data is "invalid"), the second binds the answer, which is never contained, so verifying
 * needs no state. Single use is recorded by core in the `CaptchaStore`.
 */
export function nativeCaptcha(options: NativeCaptchaOptions): CaptchaProvider {
  const secret = typeof options.secret === "string" ? utf8ToBytes(options.secret) : options.secret;
  if (secret.length < 32) throw new TypeError("pleroma-kit: the captcha secret needs at least 32 bytes");
  const key = hkdf(sha256, secret, undefined, utf8ToBytes("pleroma-kit captcha v1"), 32);
  const secondsValid = options.secondsValid ?? 300;
  const length = options.length ?? 6;
  const mac = (...parts: string[]) => Buffer.from(hmac(sha256, key, utf8ToBytes(parts.join("\n")))).toString("base64url");

  return {
    async issue(): Promise<CaptchaChallenge> {
      const token = Buffer.from(randomBytes(10)).toString("base64url");
      const answer = options.answer ? options.answer(length) : randomDigits(length);
      const issuedAt = String(Math.floor(options.clock.now().getTime() / 1000));
      const svg = renderDigits(answer);
      return {
        type: "native",
        token,
        url: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
        answerData: `${issuedAt}.${mac("data", token, issuedAt)}.${mac("answer", token, issuedAt, answer)}`,
        secondsValid,
      };
    },
    async check({ token, solution, answerData }, now): Promise<CaptchaCheck> {
      const [issuedAt, integrity, answerMac] = answerData.split(".");
      if (!issuedAt || !/^\d{1,12}$/.test(issuedAt) || !integrity || !answerMac) return { status: "invalid_data" };
      if (!constantTimeEqual(mac("data", token, issuedAt), integrity)) return { status: "invalid_data" };
      const expiresAt = new Date((Number(issuedAt) + secondsValid) * 1000);
      if (now.getTime() > expiresAt.getTime()) return { status: "expired" };
      const right = constantTimeEqual(mac("answer", token, issuedAt, solution), answerMac);
      return { status: right ? "valid" : "wrong", expiresAt };
    },
  };
}

/** Uniform random digits: bytes >= 250 are redrawn so that every digit is equally likely. */
function randomDigits(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const b of randomBytes(length)) if (b < 250 && out.length < length) out += String(b % 10);
  }
  return out;
}
