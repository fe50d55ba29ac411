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
    return fromPort(() => this.store.hit(key, now, windowStart)).andThen((count) =>
      count > limit.limit ? errAsync(appError("THROTTLED")) : okAsync(undefined),
    );
  }

  /** Forgets the key's attempts after a successful check. */
  succeeded(key: string): Outcome<void> {
    return fromPort(() => this.store.reset(key));
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

/** Limiter keys, one namespace per kind of check. */
export const attemptKeys = {
  password: (accountKey: string) => `password:${accountKey}`,
  secondFactor: (userId: string) => `mfa:${userId}`,
  confirmationResend: (address: string) => `confirmation_resend:${address}`,
  captcha: (tokenHash: string) => `captcha:${tokenHash}`,
};
