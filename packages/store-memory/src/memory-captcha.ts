import type { CaptchaStore } from "@pleroma-kit/core";

/** Used captcha tokens in memory: `consume` checks and marks in one synchronous step. */
export function memoryCaptcha(): CaptchaStore {
  const used = new Map<string, number>();
  const prune = (now: Date) => {
    for (const [hash, expires] of used) if (expires <= now.getTime()) used.delete(hash);
  };
  return {
    async consume(tokenHash, expiresAt, now) {
      prune(now);
      if (used.has(tokenHash)) return false;
      used.set(tokenHash, expiresAt.getTime());
      return true;
    },
    async isUsed(tokenHash, now) {
      const expires = used.get(tokenHash);
      return expires !== undefined && expires > now.getTime();
    },
  };
}
