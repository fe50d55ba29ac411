import { randomUUID } from "node:crypto";
import type { Logger } from "../ports/infrastructure.js";
import type { JobHandler, JobQueue } from "../ports/jobs.js";

export interface InProcessJobQueue extends JobQueue {
  /** Resolves when every queued and running job has finished (tests, graceful shutdown). */
  drain(): Promise<void>;
  /** Aborts running jobs and refuses new ones. */
  close(): Promise<void>;
}

/**
 * Runs jobs in this process with bounded concurrency. A handler's failure is logged, never thrown
 * at the caller: the domain records failure in its own state (a backup row marked failed).
 */
export function inProcessJobs(options: { concurrency?: number; logger?: Logger } = {}): InProcessJobQueue {
  const concurrency = options.concurrency ?? 2;
  const handlers = new Map<string, JobHandler>();
  const queue: Array<{ id: string; type: string; payload: unknown }> = [];
  const running = new Map<string, AbortController>();
  const counts = { queued: 0, running: 0, done: 0, failed: 0 };
  let idle: Array<() => void> = [];
  let closed = false;

  const pump = () => {
    while (!closed && running.size < concurrency && queue.length > 0) {
      const job = queue.shift()!;
      counts.queued--;
      const controller = new AbortController();
      running.set(job.id, controller);
      counts.running++;
      const handler = handlers.get(job.type)!;
      void Promise.resolve()
        .then(() => handler(job.payload, { jobId: job.id, signal: controller.signal, attempt: 1 }))
        .then(
          () => void counts.done++,
          (error) => {
            counts.failed++;
            options.logger?.error("job failed", { type: job.type, jobId: job.id, error: String(error) });
          },
        )
        .finally(() => {
          running.delete(job.id);
          counts.running--;
          pump();
          if (running.size === 0 && queue.length === 0) {
            const waiters = idle;
            idle = [];
            for (const w of waiters) w();
          }
        });
    }
  };

  return {
    register(type, handler) {
      handlers.set(type, handler);
    },
    async enqueue(type, payload) {
      if (closed) throw new Error("job queue is closed");
      if (!handlers.has(type)) throw new Error(`no handler registered for job type ${type}`);
      const id = randomUUID();
      queue.push({ id, type, payload });
      counts.queued++;
      queueMicrotask(pump);
      return id;
    },
    async stats() {
      return { ...counts };
    },
    drain() {
      if (running.size === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
    async close() {
      closed = true;
      queue.length = 0;
      for (const c of running.values()) c.abort();
    },
  };
}
