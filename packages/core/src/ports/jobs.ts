/**
 * Background work (backups, imports). The default, `inProcessJobs()`, runs jobs in this process;
 * a host can plug a real queue (e.g. one backed by PostgreSQL) by implementing this port.
 */

// `Mailer` lived here before it got its own file; services still import it from this path.
export type { Mailer } from "./mail.js";

/** What a running job gets besides its payload. */
export interface JobContext {
  readonly jobId: string;
  /** Aborted when the runner stops the job (shutdown, cancellation): stop and clean up. */
  readonly signal: AbortSignal;
  /** 1 for the first run; higher when a queue retries. */
  readonly attempt: number;
}

/** Runs one job. A rejection marks the run failed; the domain records failure in its own state. */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

/**
 * A queue of background jobs, keyed by type. Payloads are JSON-serialisable so a durable queue
 * can store them. Handlers must tolerate running more than once for one job (a queue may retry,
 * and jobs that died with their process are recovered by the domain), so each job's writes are
 * conditional (see `BackupStore.start`).
 *
 * @example
 * jobs.register("backup", async (payload, { signal }) => { ... });
 * const id = await jobs.enqueue("backup", { backupId: 7 });
 */
export interface JobQueue {
  /** Registers the handler for a job type. Call before the first enqueue of that type. */
  register(type: string, handler: JobHandler): void;
  /** Queues a job; resolves with its id once it is durably queued (not when it has run). */
  enqueue(type: string, payload: unknown): Promise<string>;
  /** Counts by state, for the healthcheck's `job_queue_stats`. */
  stats(): Promise<Record<string, number>>;
  /**
   * True when queued jobs outlive this process and a job whose process died is retried (a
   * database-backed queue). Recovery then leaves abandoned work to the queue's retry for a grace
   * period instead of failing it at once.
   */
  readonly durable?: boolean;
}
