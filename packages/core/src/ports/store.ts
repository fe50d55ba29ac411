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
