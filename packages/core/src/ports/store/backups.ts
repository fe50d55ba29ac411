/**
 * Account backups (content.md 4). Implementations: `memory-backups.ts`, `sql-backups.ts`;
 * contract: testkit's `contract/backups.ts`.
 */

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
  /** The process running it (see {@link JobLease}); null unless running. Absent: read as null. */
  readonly leaseOwner?: string | null;
  /** Until when that process is known alive (it renews this while it runs). */
  readonly leaseUntil?: Date | null;
}

/**
 * A running job's claim: `owner` identifies the process (host, pid, boot id) and renews `until`
 * while it runs; past `until` (or once the owner is known dead) the work may be taken over or
 * failed. `now` is the caller's clock, compared with a held lease's `until`.
 */
export interface JobLease {
  readonly owner: string;
  readonly until: Date;
  readonly now: Date;
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
 *
 * @example
 * const row = await store.backups.createIfAllowed(backup, 7 * 24 * 3600_000); // null: too soon
 * if (row && (await store.backups.start(row.id))) { ...write the archive... }
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
  /**
   * pending -> running under `lease`; with a lease, also running -> running when the held lease
   * ended before `lease.now` (a takeover). True for exactly one caller.
   */
  start(id: number, lease?: JobLease): Promise<boolean>;
  /** Moves a running backup's lease to `until` if `owner` still holds it; false when it does not. */
  renewLease(id: number, owner: string, until: Date): Promise<boolean>;
  /** Running backups, oldest first, at most `limit` (recovery reads their leases). */
  running(limit: number): Promise<BackupRow[]>;
  /** running -> failed if `owner` still holds the lease. True when this call changed the row. */
  failLeased(id: number, owner: string): Promise<boolean>;
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
