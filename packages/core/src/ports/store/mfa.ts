/**
 * Two-factor authentication state (accounts.md 8). Implementations: `memory-mfa.ts`,
 * `sql-mfa.ts`; contract: testkit's `contract/mfa.ts`.
 */

/** The library's MFA state of one user (accounts.md 8.1). Secrets are RFC 4648 base32. */
export interface MfaRecord {
  /** The TOTP secret login checks against; null when TOTP is not enabled. */
  readonly confirmedSecret: string | null;
  /**
   * A secret issued by setup and not yet confirmed. Kept apart from the confirmed one so that a
   * second setup never replaces a working second factor until its first code is shown.
   */
  readonly pendingSecret: string | null;
  /** The last TOTP time step consumed (RFC 6238 5.2): steps at or before it are refused. */
  readonly lastUsedStep: number | null;
  /** Salted hashes of the unused backup codes. */
  readonly backupCodeHashes: readonly string[];
}

/** A pending login second-factor challenge (the `mfa_token` of the password grant). */
export interface MfaChallengeRow {
  readonly userId: string;
  /** What the token was issued for (client id, scopes), opaque to the store. */
  readonly context: Record<string, unknown>;
  readonly expiresAt: Date;
}

/**
 * TOTP secrets, used time steps, backup code hashes and login challenges. Every "use once"
 * operation (a TOTP step, a backup code, a challenge) is a conditional write with exactly one
 * winner, so a code replayed in parallel, or on another instance sharing the store, fails.
 *
 * @example
 * await store.mfa.setPendingSecret(userId, secret);
 * const enabled = await store.mfa.confirmSecret(userId, secret, step); // false: setup raced or replaced
 */
export interface MfaStore {
  /** The user's MFA state; null when the user never set anything up. */
  get(userId: string): Promise<MfaRecord | null>;
  /** Stores `secret` as the pending secret (replacing an older pending one); the confirmed secret is untouched. */
  setPendingSecret(userId: string, secret: string): Promise<void>;
  /**
   * Promotes the pending secret to confirmed and records `step` as used, only when the pending
   * secret still equals `secret`. Concurrency: a conditional write; of parallel calls exactly one
   * returns true, and a setup racing it is never half-applied.
   */
  confirmSecret(userId: string, secret: string, step: number): Promise<boolean>;
  /**
   * Records `step` as consumed when a confirmed secret exists and `step` is after the last used
   * step. Concurrency: a conditional write; of parallel calls with one step exactly one wins.
   */
  consumeTotpStep(userId: string, step: number): Promise<boolean>;
  /** Removes the confirmed and pending secrets and the used step. Backup codes stay (Akkoma). */
  disableTotp(userId: string): Promise<void>;
  /** Replaces every backup code hash of the user in one step (readers see the old set or the new). */
  replaceBackupCodes(userId: string, hashes: readonly string[]): Promise<void>;
  /**
   * Removes one stored backup code hash. Concurrency: exactly one of parallel callers with the
   * same hash gets true; the others (and later callers) get false.
   */
  consumeBackupCode(userId: string, hash: string): Promise<boolean>;
  /** Forgets everything about the user (account deletion). */
  deleteUser(userId: string): Promise<void>;
  /** Stores a login challenge under the hash of its token. */
  putChallenge(tokenHash: string, row: MfaChallengeRow): Promise<void>;
  /** The challenge when it exists and has not expired at `now`; null otherwise. */
  findChallenge(tokenHash: string, now: Date): Promise<MfaChallengeRow | null>;
  /**
   * Deletes the challenge. Concurrency: exactly one of parallel callers gets true, so one
   * `mfa_token` yields at most one access token. Expired rows are dropped on the way.
   */
  consumeChallenge(tokenHash: string, now: Date): Promise<boolean>;
}
