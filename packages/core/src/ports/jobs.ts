/**
 * Background work (backups, imports). The default runs jobs in this process; a host can plug a
 * real queue (e.g. one backed by PostgreSQL) by implementing this port.
 */

export interface JobContext {
  readonly jobId: string;
  /** Aborted when the runner stops the job (shutdown, cancellation): stop and clean up. */
  readonly signal: AbortSignal;
  readonly attempt: number;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

export interface JobQueue {
  /** Registers the handler for a job type. Call before the first enqueue of that type. */
  register(type: string, handler: JobHandler): void;
  /** Queues a job; resolves with its id once it is durably queued (not when it has run). */
  enqueue(type: string, payload: unknown): Promise<string>;
  /** Counts by state, for the healthcheck's `job_queue_stats`. */
  stats(): Promise<Record<string, number>>;
}

/** Outgoing mail (confirmation resend, "your backup is ready"). */
export interface Mailer {
  send(message: { to: string; subject: string; text: string; html?: string }): Promise<void>;
}
