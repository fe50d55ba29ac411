/**
 * The attempt limiter's counters. Implementations: `memory-attempts.ts`, `sql-attempts.ts`;
 * contract: testkit's `contract/attempts.ts`.
 */

/**
 * Counts attempts per key in a sliding window (failed password and second-factor checks per
 * account, confirmation mails per client address). Shared by every app instance using the store.
 *
 * @example
 * const count = await store.attempts.hit(`password:${userId}`, now, new Date(now.getTime() - 3600_000));
 * if (count > 10) refuse();
 */
export interface AttemptStore {
  /**
   * Records one attempt under `key` at `at` and returns how many attempts of `key` are recorded at
   * or after `windowStart`, this one included. Older attempts of the key may be discarded.
   * Concurrency: no lost updates; of N parallel hits on one key, the k-th stored sees at least k,
   * so with a limit L at most L callers see a count <= L.
   */
  hit(key: string, at: Date, windowStart: Date): Promise<number>;
  /** Forgets every attempt of `key` (after a successful check). */
  reset(key: string): Promise<void>;
}
