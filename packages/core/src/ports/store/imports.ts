/**
 * Follow/block/mute imports (accounts.md 4). Implementations: `memory-imports.ts`,
 * `sql-imports.ts`; contract: testkit's `contract/imports.ts`.
 */

import type { JobLease } from "./backups.js";

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
  /** The process running it; null unless running. Absent: read as null (see `JobLease`). */
  readonly leaseOwner?: string | null;
  readonly leaseUntil?: Date | null;
}

/** One identifier of an import and what became of it. `line` counts from 1 in list order. */
export interface ImportRow {
  readonly line: number;
  readonly identifier: string;
  readonly result: ImportRowResult;
}

/**
 * Import jobs and their rows. The import job reads pending rows in batches and records each
 * row's result, so a job that dies part-way resumes where it stopped.
 *
 * @example
 * await store.imports.create(job, ["alice", "bob@remote.example"]);
 * const batch = await store.imports.pendingRows(job.id, 50);
 */
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
  /**
   * queued -> running under `lease`, or running -> running when the held lease ended before
   * `lease.now` (a takeover: the rows already recorded stay, the rest resume). True for one caller.
   */
  claim(jobId: string, lease: JobLease): Promise<boolean>;
  /** Moves a running job's lease to `until` if `owner` still holds it; false when it does not. */
  renewLease(jobId: string, owner: string, until: Date): Promise<boolean>;
  /** Running jobs, oldest first, at most `limit`. */
  running(limit: number): Promise<ImportJobRow[]>;
  /** running -> failed (finished at `at`) if `owner` still holds the lease. */
  failLeased(jobId: string, owner: string, at: Date): Promise<boolean>;
  /** Rows in line order from `offset`. */
  rows(jobId: string, options: { offset: number; limit: number }): Promise<ImportRow[]>;
  /** Row counts per result. */
  summary(jobId: string): Promise<Record<ImportRowResult, number>>;
}
