import { createHash } from "node:crypto";
import { errAsync, okAsync } from "neverthrow";
import { appError } from "../../errors/index.js";
import type { Clock } from "../../ports/infrastructure.js";
import type { AttemptStore } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import type { AttemptLimit } from "./account-security-options.js";

/**
 * Limits attempts per key over the `AttemptStore` (security.md: failed password and second-factor
 * attempts per account; past the limit 429 and nothing changes).
 *
 * An attempt is recorded before the check it guards and forgotten when the check succeeds, so
 * parallel guesses cannot all pass a "count, then check, then record" race.
 */
export class AttemptLimiter {
  constructor(
    private readonly store: AttemptStore,
    private readonly clock: Clock,
  ) {}

  /** Records an attempt; THROTTLED (429) when it is over the limit. */
  attempt(key: string, limit: AttemptLimit): Outcome<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - limit.windowSeconds * 1000);
    return fromPort(() => this.store.hit(boundedKey(key), now, windowStart)).andThen((count) =>
      count > limit.limit ? errAsync(appError("THROTTLED")) : okAsync(undefined),
    );
  }

  /** Forgets the key's attempts after a successful check. */
  succeeded(key: string): Outcome<void> {
    return fromPort(() => this.store.reset(boundedKey(key)));
  }

  /**
   * Runs `check` under the limit: over the limit it is not run at all; when it answers true the
   * key's attempts are forgotten.
   */
  guard(key: string, limit: AttemptLimit, check: () => Outcome<boolean>): Outcome<boolean> {
    return this.attempt(key, limit).andThen(() =>
      check().andThen((passed) => (passed ? this.succeeded(key).map(() => true) : okAsync(false))),
    );
  }
}

/** Longest key passed to the store as is (the SQL column is `varchar(512)`). */
export const MAX_PLAIN_ATTEMPT_KEY = 128;

/**
 * The key the store sees: short printable-ASCII keys as they are (readable in the table), any
 * other key as its namespace plus a SHA-256, so a login of any length or alphabet gives a key of
 * bounded size that every store accepts.
 */
export function boundedKey(key: string): string {
  if (key.length <= MAX_PLAIN_ATTEMPT_KEY && /^[\x20-\x7e]*$/.test(key)) return key;
  const namespace = /^[a-z_]+:/.exec(key)?.[0] ?? "";
  return `${namespace}sha256:${createHash("sha256").update(key, "utf8").digest("hex")}`;
}

/** Limiter keys, one namespace per kind of check. */
export const attemptKeys = {
  password: (accountKey: string) => `password:${accountKey}`,
  secondFactor: (userId: string) => `mfa:${userId}`,
  confirmationResend: (address: string) => `confirmation_resend:${address}`,
  captcha: (tokenHash: string) => `captcha:${tokenHash}`,
};
