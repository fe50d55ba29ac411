/**
 * The library's own state. Stores (memory, SQL) implement these ports; every method states its
 * concurrency promise, and the testkit's contract suite checks it with parallel calls.
 * Stores return null for "not found" and throw only on infrastructure failure.
 */

/** One reaction of one user. `url` is null for unicode emoji, the image URL for custom ones. */
export interface ReactionRow {
  readonly statusId: string;
  readonly userId: string;
  /** Unicode emoji, or a custom shortcode without colons. */
  readonly name: string;
  readonly url: string | null;
  readonly createdAt: Date;
}

/** All reactions with one emoji on one status. */
export interface ReactionGroup {
  readonly name: string;
  readonly url: string | null;
  /** Reacting users, most recent first. */
  readonly userIds: readonly string[];
}

export interface ReactionStore {
  /**
   * Adds the reaction. Entries are keyed by `url` when set, else by `name`.
   * Concurrency: idempotent per (status, user, key); of parallel adds of the same key by one user
   * exactly one returns true; adds by different users never lose each other.
   */
  add(row: ReactionRow): Promise<boolean>;
  /** Removes the user's reaction with that key; true when a row was removed (exactly one winner). */
  remove(statusId: string, userId: string, key: { name: string; url: string | null }): Promise<boolean>;
  /**
   * Groups per status for a batch of statuses, in one query: groups ordered by the emoji's first
   * use (oldest first), users most recent first. Statuses without reactions are absent.
   */
  groupsFor(statusIds: readonly string[]): Promise<Map<string, ReactionGroup[]>>;
}

/** Store health, for the healthcheck endpoint. */
export interface StoreHealth {
  /** Probes the store (e.g. `SELECT 1`); throws or returns false when unhealthy. */
  ping(): Promise<boolean>;
  /** Connection pool figures when the store has a pool. */
  pool?(): Promise<{ size: number; active: number; idle: number }>;
}

/** What a store can do; the contract suite skips what a store declares it lacks. */
export interface StoreCapabilities {
  /** Writes by several processes on one database stay consistent (SQL: yes; memory: one process). */
  readonly sharedAcrossProcesses: boolean;
}

/** The library-owned state ports, as one object. Domains add their port here. */
export interface PleromaStore {
  readonly capabilities: StoreCapabilities;
  readonly reactions: ReactionStore;
  readonly health: StoreHealth;
  /** TOTP secrets, used steps, backup code hashes and login challenges. */
  readonly mfa: MfaStore;
  /** The attempt limiter's counters. */
  readonly attempts: AttemptStore;
  /** Used captcha tokens. */
  readonly captcha: CaptchaStore;
  /** Aliases and notification settings. */
  readonly accountSettings: AccountSettingsStore;
  /** Optional so stores written before backups existed still type-check; without it backups are off. */
  readonly backups?: BackupStore;
}

/**
 * Where a backup is in its life: created `pending`, picked up by the job (`running`), then `done`
 * (archive written) or `failed` (nothing kept, and it does not count for the rate limit).
 */
export type BackupState = "pending" | "running" | "done" | "failed";

/** One account backup (content.md 4.2). Ids are database integers, rendered as JSON numbers. */
export interface BackupRow {
  readonly id: number;
  readonly userId: string;
  readonly state: BackupState;
  /** FileStore key of the archive; its name carries the unguessable part of the download URL. */
  readonly fileKey: string;
  readonly contentType: string;
  /** Bytes; 0 until done. */
  readonly fileSize: number;
  readonly insertedAt: Date;
  /** When a done backup is purged; null until done. */
  readonly expiresAt: Date | null;
}

/** What `createIfAllowed` needs; the id and `pending` state are the store's. */
export interface NewBackup {
  readonly userId: string;
  readonly fileKey: string;
  readonly contentType: string;
  readonly insertedAt: Date;
}

/**
 * Account backups (content.md 4). Transitions are conditional updates, so a job and a recovery
 * pass, or two runners of one job, never both win.
 */
export interface BackupStore {
  /**
   * Inserts a pending backup unless the user has a backup that is not failed with
   * `insertedAt > backup.insertedAt - periodMs`; returns the row, or null when refused.
   * Concurrency: of concurrent creates for one user inside the period, exactly one succeeds;
   * failed backups do not count.
   */
  createIfAllowed(backup: NewBackup, periodMs: number): Promise<BackupRow | null>;
  get(id: number): Promise<BackupRow | null>;
  /** The backup whose archive has this key (downloads look it up by name). */
  byFileKey(fileKey: string): Promise<BackupRow | null>;
  /** The user's backups, newest first (by id). */
  listByUser(userId: string): Promise<BackupRow[]>;
  /** pending -> running. True for exactly one caller. */
  start(id: number): Promise<boolean>;
  /** running -> done with the archive's size and purge time. True for exactly one caller. */
  complete(id: number, result: { fileSize: number; expiresAt: Date }): Promise<boolean>;
  /** pending or running -> failed. True when this call changed the row. */
  fail(id: number): Promise<boolean>;
  /**
   * Marks the user's pending or running backups inserted before `before` as failed (their job
   * died with its process) and returns them as they now are. Each row is returned to one caller.
   */
  failStale(userId: string, before: Date): Promise<BackupRow[]>;
  /** Done backups with `expiresAt <= now`, oldest first, at most `limit`. */
  expired(now: Date, limit: number): Promise<BackupRow[]>;
  /** Deletes the row; true when it existed (exactly one of parallel deletes wins). */
  delete(id: number): Promise<boolean>;
}

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

/**
 * Counts attempts per key in a sliding window (failed password and second-factor checks per
 * account, confirmation mails per client address). Shared by every app instance using the store.
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

/** Used captcha tokens (captcha answers are verified statelessly; only use is recorded). */
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

/** Akkoma's per-user notification settings (accounts.md 14). */
export interface NotificationSettings {
  /** Do not create notifications from accounts the user does not follow. */
  readonly blockFromStrangers: boolean;
  /** Web Push payloads omit the content. */
  readonly hideNotificationContents: boolean;
}

/** Library-owned account settings: aliases (`also_known_as`) and notification settings. */
export interface AccountSettingsStore {
  /** The user's settings; the defaults (both false) when never set. */
  notificationSettings(userId: string): Promise<NotificationSettings>;
  /** Applies the given fields, keeping the others; returns the result. Last writer wins per field. */
  updateNotificationSettings(userId: string, patch: Partial<NotificationSettings>): Promise<NotificationSettings>;
  /** The user's aliases (host account ids), oldest first. */
  aliases(userId: string): Promise<string[]>;
  /** Adds an alias; idempotent, true when this call added it (exactly one of parallel adds). */
  addAlias(userId: string, aliasId: string): Promise<boolean>;
  /** Removes an alias; true when this call removed it (exactly one of parallel removes). */
  removeAlias(userId: string, aliasId: string): Promise<boolean>;
  /** Clears settings and aliases (account deletion). */
  deleteUser(userId: string): Promise<void>;
}

