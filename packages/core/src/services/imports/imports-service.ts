import { errAsync, okAsync } from "neverthrow";
import { appError } from "../../errors/index.js";
import type { Clock, IdGenerator, Logger } from "../../ports/infrastructure.js";
import type { HostPorts, RelationImportKind } from "../../ports/host.js";
import type { JobQueue } from "../../ports/jobs.js";
import type { ImportJobRow, ImportRow, ImportRowResult, ImportStore } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import { parseImportList } from "./parse-import-list.js";
import { akkomaDate } from "../shared/akkoma-date.js";
import { keepLease, LEASE_MS, LEASE_OWNER, leaseAbandoned } from "../../jobs/job-lease.js";

/** With a durable queue, abandoned imports are left to its retries this long before recovery fails them. */
const TAKEOVER_GRACE_MS = 5 * 60_000;
import { isCleanText } from "../shared/clean-text.js";

/** The job type the import runner registers with the JobQueue. */
export const IMPORT_JOB_TYPE = "pleroma-kit.relation-import";

/**
 * Caps on one import (security.md: limits on costly work). A list over either cap is refused
 * whole, before anything is stored or applied.
 */
export interface ImportLimits {
  /** Largest list in bytes (UTF-8), string or file. */
  readonly maxBytes: number;
  /** Most identifiers in one list. */
  readonly maxRows: number;
}

/** Default caps: 20,000 rows (a large Mastodon following export) in at most 2 MB. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 2_000_000, maxRows: 20_000 };

/** Rows the runner reads, applies and records per step. */
const CHUNK = 500;
/** Host calls in flight per step. */
const PARALLEL = 8;

/** An import job as the import endpoints render it. */
export interface ImportJobEntity {
  readonly id: string;
  readonly type: RelationImportKind;
  readonly state: ImportJobRow["state"];
  readonly total: number;
  readonly counts: Record<ImportRowResult, number>;
  readonly created_at: string;
  readonly finished_at: string | null;
}

export interface ImportsDeps {
  readonly store: ImportStore;
  readonly host: HostPorts;
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly limits?: ImportLimits;
}

/**
 * Follow/block/mute imports (accounts.md 4) as background jobs with a per-row report the user can
 * read back (`GET /api/v1/pleroma/imports[/:id[/rows]]`, a pleroma-kit addition). The HTTP answer
 * stays Akkoma's `"job started"`.
 */
export class ImportsService {
  private readonly limits: ImportLimits;

  constructor(private readonly deps: ImportsDeps) {
    this.limits = deps.limits ?? DEFAULT_IMPORT_LIMITS;
    deps.jobs.register(IMPORT_JOB_TYPE, async (payload, context) => {
      await this.run((payload as { jobId: string }).jobId, context.signal);
    });
  }

  /** Parses, checks the caps, stores the job with every row pending and queues it. Returns the job id. */
  start(userId: string, kind: RelationImportKind, list: string | File): Outcome<string> {
    if (!this.deps.host.relationImports) return errAsync(appError("HOST_FEATURE_MISSING"));
    return this.readList(list).andThen((text) => {
      const identifiers = parseImportList(text);
      if (identifiers.length === 0) return errAsync(appError("IMPORT_EMPTY"));
      if (identifiers.length > this.limits.maxRows) {
        return errAsync(appError("IMPORT_TOO_MANY_ROWS", { message: `Import list has more than ${this.limits.maxRows} entries` }));
      }
      const job: ImportJobRow = {
        id: this.deps.ids.next(),
        userId,
        kind,
        state: "queued",
        total: identifiers.length,
        createdAt: this.deps.clock.now(),
        finishedAt: null,
      };
      return fromPort(async () => {
        await this.deps.store.create(job, identifiers);
        try {
          await this.deps.jobs.enqueue(IMPORT_JOB_TYPE, { jobId: job.id });
        } catch (error) {
          // Never leave a job that looks queued but never runs.
          await this.deps.store.setState(job.id, "failed", this.deps.clock.now());
          throw error;
        }
        return job.id;
      });
    });
  }

  /** The user's import jobs, newest first. */
  list(userId: string): Outcome<ImportJobEntity[]> {
    return fromPort(async () => {
      const jobs = await this.deps.store.jobsOf(userId, 20);
      return Promise.all(jobs.map((j) => this.entity(j)));
    });
  }

  /** One of the user's jobs; another user's job is "Record not found". */
  get(userId: string, jobId: string): Outcome<ImportJobEntity> {
    return this.own(userId, jobId).andThen((job) => fromPort(() => this.entity(job)));
  }

  /** Per-row results of one of the user's jobs, in list order. */
  rows(userId: string, jobId: string, options: { offset?: number; limit?: number }): Outcome<ImportRow[]> {
    const limit = Math.min(1000, Math.max(1, options.limit ?? 100));
    const offset = Math.max(0, options.offset ?? 0);
    return this.own(userId, jobId).andThen((job) => fromPort(() => this.deps.store.rows(job.id, { offset, limit })));
  }

  /**
   * Applies the job's pending rows through the host, recording each chunk's results before the
   * next, so a stopped runner resumes where it was. A row whose host call throws is `failed`.
   */
  async run(jobId: string, signal?: AbortSignal): Promise<void> {
    const { store, clock, logger } = this.deps;
    const port = this.deps.host.relationImports;
    const job = await store.job(jobId);
    if (!job || job.state === "done" || job.state === "failed") return;
    if (!port) {
      await store.setState(jobId, "failed", clock.now());
      return;
    }
    const now = clock.now();
    // A retry of a job another process was running resumes it only once that process is gone.
    if (job.state === "running" && !leaseAbandoned(job, now)) throw new Error(`import ${jobId} is running in another process`);
    const claimNow = job.leaseUntil && job.leaseUntil >= now ? new Date(job.leaseUntil.getTime() + 1) : now;
    if (!(await store.claim(jobId, { owner: LEASE_OWNER, until: new Date(now.getTime() + LEASE_MS), now: claimNow }))) return;
    const lost = new AbortController();
    const stopLease = keepLease(
      () => store.renewLease(jobId, LEASE_OWNER, new Date(clock.now().getTime() + LEASE_MS)),
      () => lost.abort(new Error(`import ${jobId} lease lost`)),
      (error) => logger.warn("renewing an import lease failed", { jobId, error: String(error) }),
    );
    try {
      for (;;) {
        signal?.throwIfAborted();
        lost.signal.throwIfAborted();
        const rows = await store.pendingRows(jobId, CHUNK);
        if (rows.length === 0) break;
        const results: Array<{ line: number; result: Exclude<ImportRowResult, "pending"> }> = [];
        for (let i = 0; i < rows.length; i += PARALLEL) {
          const batch = rows.slice(i, i + PARALLEL);
          const outcomes = await Promise.all(
            batch.map((row) =>
              port.apply(job.kind, job.userId, row.identifier).catch((error: unknown) => {
                logger.warn("import row failed", { jobId, line: row.line, error: String(error) });
                return "failed" as const;
              }),
            ),
          );
          batch.forEach((row, j) => results.push({ line: row.line, result: outcomes[j]! }));
        }
        await store.recordResults(jobId, results);
      }
      await store.setState(jobId, "done", clock.now());
    } catch (error) {
      // Stopped (shutdown) or superseded: the row stays running for a retry or for recovery.
      if (signal?.aborted || lost.signal.aborted) throw error;
      await store.failLeased(jobId, LEASE_OWNER, clock.now());
      throw error;
    } finally {
      stopLease();
    }
  }

  /**
   * Fails running imports whose process died (lease ended, or its pid on this host is gone), so the
   * user sees them failed and can import again. With a durable queue a job is left to the queue's
   * retry (which resumes it at its first pending row) until its lease is 5 min over.
   */
  async recover(): Promise<number> {
    const { store, clock, logger } = this.deps;
    const graceMs = this.deps.jobs.durable ? TAKEOVER_GRACE_MS : 0;
    const now = clock.now();
    let count = 0;
    for (const job of await store.running(1000)) {
      const abandoned = graceMs === 0 ? leaseAbandoned(job, now) : !job.leaseUntil || job.leaseUntil.getTime() + graceMs < now.getTime();
      if (!abandoned) continue;
      const failed = job.leaseOwner ? await store.failLeased(job.id, job.leaseOwner, now) : (await store.setState(job.id, "failed", now), true);
      if (!failed) continue;
      logger.warn("import abandoned by a stopped process: marked failed", { jobId: job.id, owner: job.leaseOwner ?? null });
      count++;
    }
    return count;
  }

  private readList(list: string | File): Outcome<string> {
    const tooLarge = () => errAsync(appError("IMPORT_TOO_LARGE", { message: `Import list is larger than ${this.limits.maxBytes} bytes` }));
    if (typeof list === "string") {
      return Buffer.byteLength(list, "utf8") > this.limits.maxBytes ? tooLarge() : okAsync(list);
    }
    if (list.size > this.limits.maxBytes) return tooLarge();
    // A file is not checked at the edge: refuse UTF-16, invalid UTF-8 and NUL bytes here, before
    // any row reaches the store (PostgreSQL would fail on them where SQLite stores them).
    return fromPort(() => list.arrayBuffer()).andThen((bytes) => {
      const text = decodeListText(new Uint8Array(bytes));
      return text === null ? errAsync(appError("IMPORT_NOT_TEXT")) : okAsync(text);
    });
  }

  private own(userId: string, jobId: string): Outcome<ImportJobRow> {
    return fromPort(() => this.deps.store.job(jobId)).andThen((job) =>
      job && job.userId === userId ? okAsync(job) : errAsync(appError("IMPORT_NOT_FOUND")),
    );
  }

  private async entity(job: ImportJobRow): Promise<ImportJobEntity> {
    return {
      id: job.id,
      type: job.kind,
      state: job.state,
      total: job.total,
      counts: await this.deps.store.summary(job.id),
      created_at: akkomaDate(job.createdAt),
      finished_at: job.finishedAt ? akkomaDate(job.finishedAt) : null,
    };
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function decodeListText(bytes: Uint8Array): string | null {
  try {
    const text = strictUtf8.decode(bytes);
    return isCleanText(text) ? text : null;
  } catch {
    return null;
  }
}
