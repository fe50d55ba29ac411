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
  readonly conversations: ConversationStore;
  readonly imports: ImportStore;
  readonly profileMedia: ProfileMediaStore;
  readonly scrobbles: ScrobbleStore;
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

// ---------------------------------------------------------------------------------------------
// Conversations, imports, profile media and scrobbles (issue 6).
import type { IdPage } from "./host.js";

/**
 * A user's view of one conversation: Pleroma's participation, whose id is the API's
 * "conversation id" (content.md 3.1). Ids are decimal integers rendered as strings.
 */
export interface ParticipationRow {
  readonly id: string;
  readonly userId: string;
  /** The internal conversation id (one per thread context). */
  readonly conversationId: string;
  /** The thread's context key (the host's context/thread id). */
  readonly context: string;
  readonly read: boolean;
  readonly updatedAt: Date;
  /**
   * Who a reply by `in_reply_to_conversation_id` addresses, owner included. Captured once, from the
   * first direct status that reached the participation; afterwards only `setRecipients` changes it.
   */
  readonly recipientIds: readonly string[];
}

/**
 * How a new direct status touches one participant's participation (content.md 3.1):
 * `unread` bumps and marks unread (a recipient); `read` bumps and marks read (the author);
 * `quiet` bumps, creates as read and never resets to unread (a participant who blocks someone in
 * the recipient set).
 */
export interface ParticipationTouch {
  readonly userId: string;
  readonly mode: "unread" | "read" | "quiet";
}

/** A status as the conversation timeline indexes it. */
export interface ConversationStatusEntry {
  readonly context: string;
  readonly statusId: string;
  readonly authorId: string;
  /** Direct statuses can be a conversation's `last_status`; others only appear in its timeline. */
  readonly direct: boolean;
  readonly createdAt: Date;
}

export interface ConversationStore {
  /**
   * Indexes a status under its context's conversation, creating the conversation when
   * `createIfMissing` (a direct status). Returns the conversation id, or null when the context has
   * none and none was created. Concurrency: idempotent per status; parallel calls for one new
   * context create exactly one conversation.
   */
  recordStatus(entry: ConversationStatusEntry, createIfMissing: boolean): Promise<string | null>;
  /**
   * Creates or bumps one participation per touch, setting `updatedAt` to `at`; a participation
   * without recipients captures `recipientIds`. Returns the touched rows. Concurrency: one
   * participation per (user, conversation) however many calls race; each touch is one atomic upsert.
   */
  touchParticipations(
    conversationId: string,
    touches: readonly ParticipationTouch[],
    recipientIds: readonly string[],
    at: Date,
  ): Promise<ParticipationRow[]>;
  /** One participation by id; null when unknown (ownership is checked by the caller). */
  participation(id: string): Promise<ParticipationRow | null>;
  /** The user's participation in the conversation of `context`, if any. */
  participationByContext(userId: string, context: string): Promise<ParticipationRow | null>;
  /** The user's participations, most recently updated first. */
  participationsOf(userId: string, options: { limit: number; offset: number }): Promise<ParticipationRow[]>;
  /** Replaces the recipient set (the caller adds the owner); does not bump or mark read. */
  setRecipients(id: string, recipientIds: readonly string[]): Promise<ParticipationRow | null>;
  /**
   * Marks every unread participation of the user read and returns the rows this call changed.
   * Concurrency: of parallel calls, each row is returned by exactly one.
   */
  markAllRead(userId: string): Promise<ParticipationRow[]>;
  /** Marks one participation read, bumping `updatedAt` to `at` when given (Mastodon's per-item read). */
  markRead(id: string, at: Date | null): Promise<ParticipationRow | null>;
  /** Deletes one participation (Mastodon's DELETE); a later direct status re-creates it. */
  deleteParticipation(id: string): Promise<boolean>;
  /**
   * Status ids of the conversation paged by status id (see {@link IdPage}); `directOnly` keeps
   * direct statuses. Ids compare as numbers when numeric and as fixed-width strings otherwise
   * (stores pad ids to sort them). One indexed range query.
   */
  statusIds(conversationId: string, page: IdPage, options?: { directOnly?: boolean }): Promise<string[]>;
}

/** The state of an import job. */
export type ImportJobState = "queued" | "running" | "done" | "failed";

/** The result of one import row; `pending` until the job reaches it. */
export type ImportRowResult = "pending" | "ok" | "not_found" | "failed";

/** A follow/block/mute import (accounts.md 4), kept so the user can see what happened per row. */
export interface ImportJobRow {
  readonly id: string;
  readonly userId: string;
  readonly kind: "follow" | "block" | "mute";
  readonly state: ImportJobState;
  readonly total: number;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

/** One identifier of an import and what became of it. `line` counts from 1 in list order. */
export interface ImportRow {
  readonly line: number;
  readonly identifier: string;
  readonly result: ImportRowResult;
}

export interface ImportStore {
  /** Creates the job with every row pending, all or nothing (a failure leaves no job and no rows). */
  create(job: ImportJobRow, identifiers: readonly string[]): Promise<void>;
  job(id: string): Promise<ImportJobRow | null>;
  /** The user's jobs, newest first. */
  jobsOf(userId: string, limit: number): Promise<ImportJobRow[]>;
  /** Pending rows in line order, at most `limit`. */
  pendingRows(jobId: string, limit: number): Promise<ImportRow[]>;
  /**
   * Stores row results. Concurrency: only pending rows change, so a row's result is set once even
   * when two runners record the same rows.
   */
  recordResults(jobId: string, results: ReadonlyArray<{ line: number; result: Exclude<ImportRowResult, "pending"> }>): Promise<void>;
  /** Moves the job to `state`; `finishedAt` is set for done/failed. */
  setState(jobId: string, state: ImportJobState, at: Date): Promise<void>;
  /** Rows in line order from `offset`. */
  rows(jobId: string, options: { offset: number; limit: number }): Promise<ImportRow[]>;
  /** Row counts per result. */
  summary(jobId: string): Promise<Record<ImportRowResult, number>>;
}

/** A media attachment entity as stored (mascots), JSON-serialisable. */
export type StoredAttachment = Readonly<Record<string, unknown>>;

/** Pleroma-only profile media: the mascot attachment and the background image URL. */
export interface ProfileMediaStore {
  mascot(userId: string): Promise<StoredAttachment | null>;
  /** Replaces the user's mascot (last write wins). */
  setMascot(userId: string, attachment: StoredAttachment): Promise<void>;
  /** Background image URLs of the users that have one, one batch (for `pleroma.background_image`). */
  backgrounds(userIds: readonly string[]): Promise<Map<string, string>>;
  /** Sets or (null) clears the background image URL. */
  setBackground(userId: string, url: string | null): Promise<void>;
}

/** One Listen (scrobble). */
export interface ScrobbleRow {
  readonly id: string;
  readonly accountId: string;
  readonly title: string;
  readonly artist: string | null;
  readonly album: string | null;
  /** Length in milliseconds. */
  readonly length: number | null;
  readonly visibility: "public" | "unlisted" | "private" | "direct";
  readonly createdAt: Date;
}

export interface ScrobbleStore {
  /** Idempotent per id. */
  add(row: ScrobbleRow): Promise<void>;
  /** The account's scrobbles with one of `visibilities`, paged by id (see {@link IdPage}). */
  list(accountId: string, visibilities: readonly ScrobbleRow["visibility"][], page: IdPage): Promise<ScrobbleRow[]>;
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

