/**
 * Used captcha tokens. Implementations: `memory-captcha.ts`, `sql-captcha.ts`; contract:
 * testkit's `contract/captcha.ts`. The provider that issues and checks captchas is a separate
 * port (`ports/captcha.ts`).
 */

/**
 * Used captcha tokens (captcha answers are verified statelessly; only use is recorded), so a
 * solved captcha works once across every instance sharing the store.
 */
export interface CaptchaStore {
  /**
   * Marks the token hash used until `expiresAt`. Concurrency: exactly one of parallel callers with
   * the same hash gets true, across every instance sharing the store. Rows expired at `now` may
   * be dropped on the way.
   */
  consume(tokenHash: string, expiresAt: Date, now: Date): Promise<boolean>;
  /** True when the token hash was consumed and has not expired at `now`. */
  isUsed(tokenHash: string, now: Date): Promise<boolean>;
}
