/**
 * The `JobQueue` port on pg-boss: jobs are rows in PostgreSQL, so a job accepted by one instance
 * runs on whichever instance is alive, and a job held by an instance that died is taken over.
 */
import type { JobContext, JobHandler, JobQueue, Logger } from "@pleroma-kit/core";
import PgBoss from "pg-boss";

/** Settings of {@link pgBossJobs}; every duration is in seconds, as pg-boss counts them. */
export interface PgBossJobsOptions {
  /** `postgres://...`; pg-boss opens its own small pool (`maxConnections`). */
  readonly connectionString: string;
  /** Schema pg-boss installs its tables in (created on `start`). Default `pgboss`. */
  readonly schema?: string;
  readonly maxConnections?: number;
  /**
   * How long a running job stays claimed without a heartbeat. The worker renews it every third of
   * this; a job whose instance died is failed into a retry this long after its last heartbeat (plus
   * at most `maintenanceIntervalSeconds`), and another instance picks it up. Default 30.
   */
  readonly leaseSeconds?: number;
  /** How often each instance looks for expired leases. Default 5. */
  readonly maintenanceIntervalSeconds?: number;
  /**
   * The longest a job may run at all, heartbeat or not (pg-boss's `expireIn`, also enforced in the
   * worker). Default 3600; keep it above the backup timeout (15 min by default).
   */
  readonly maxRunSeconds?: number;
  /** Attempts after the first. Default 8. */
  readonly retryLimit?: number;
  /** First retry delay; doubled per attempt (pg-boss's backoff). Default 2. */
  readonly retryDelaySeconds?: number;
  /** Jobs one instance runs at a time, per job type. Default 2. */
  readonly concurrency?: number;
  /** How often an idle worker polls for work. Default 1 (pg-boss's minimum is 0.5). */
  readonly pollingIntervalSeconds?: number;
  /** Finished jobs are kept this long (for the healthcheck's counts). Default 1 day. */
  readonly retentionSeconds?: number;
  readonly logger?: Logger;
}

/** A {@link JobQueue} with a lifecycle: `start` before serving, `stop` on shutdown. */
export interface PgBossJobQueue extends JobQueue {
  /** Installs or migrates pg-boss's schema, creates a queue per registered type and starts working. */
  start(): Promise<void>;
  /**
   * Stops taking jobs, lets running ones finish for up to `timeoutMs` (default 20 s), then aborts
   * them (their signal fires); an aborted job is retried by another instance.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** True while a queue is working (for tests and readiness checks). */
  readonly running: boolean;
}

/**
 * A PostgreSQL job queue on pg-boss 10. Register handlers (the kit does, when built), then
 * `await queue.start()`.
 *
 * @example
 * const jobs = pgBossJobs({ connectionString: process.env.DATABASE_URL! });
 * const kit = createPleromaKit({ ..., jobs });
 * await jobs.start();
 * process.on("SIGTERM", () => jobs.stop());
 */
export function pgBossJobs(options: PgBossJobsOptions): PgBossJobQueue {
  const schema = options.schema ?? "pgboss";
  if (!/^[a-z_][a-z0-9_]{0,49}$/i.test(schema)) throw new TypeError(`pleroma-kit: invalid pg-boss schema name ${schema}`);
  const lease = options.leaseSeconds ?? 30;
  const concurrency = options.concurrency ?? 2;
  const handlers = new Map<string, JobHandler>();
  const running = new Map<string, AbortController>();
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema,
    max: options.maxConnections ?? 4,
    application_name: "pleroma-kit-jobs",
    expireInSeconds: options.maxRunSeconds ?? 3600,
    maintenanceIntervalSeconds: Math.max(60, options.maintenanceIntervalSeconds ?? 5),
    retryLimit: options.retryLimit ?? 8,
    retryDelay: options.retryDelaySeconds ?? 2,
    retryBackoff: true,
    retentionSeconds: Math.max(60, options.retentionSeconds ?? 86_400),
    deleteAfterSeconds: Math.max(60, options.retentionSeconds ?? 86_400),
    schedule: false,
  });
  boss.on("error", (error) => options.logger?.error("job queue error", { error: String(error) }));
  let started: Promise<void> | null = null;
  let stopped = false;
  let reaper: ReturnType<typeof setInterval> | null = null;

  /**
   * The lease: pg-boss 10 only expires a job `expireIn` after it started (and aborts it locally at
   * that point too), far too late to notice a dead instance. Running handlers move `started_on`
   * forward (the heartbeat below); this pass fails active jobs of ours whose heartbeat is older
   * than the lease through pg-boss's own `fail`, which applies the retry policy, so another
   * instance picks them up.
   */
  const reap = async () => {
    const { rows } = await boss
      .getDb()
      .executeSql(
        `SELECT name, id FROM ${schema}.job WHERE name = ANY($1::text[]) AND state = 'active' AND started_on < now() - make_interval(secs => $2)`,
        [[...handlers.keys()], lease],
      );
    for (const row of rows as Array<{ name: string; id: string }>) {
      options.logger?.warn("job lease expired: retrying it", { type: row.name, jobId: row.id });
      await boss.fail(row.name, row.id, { message: "lease expired: the instance running it stopped" });
    }
  };

  /**
   * pg-boss 10 has no heartbeat of its own: a job expires `expireIn` after `started_on`. Moving
   * `started_on` forward while the handler runs is that heartbeat, so only a job whose process
   * stopped renewing it expires. A renewal that finds the job no longer active (it expired in a
   * stall and was retried elsewhere) aborts this run.
   */
  const heartbeat = (name: string, id: string, controller: AbortController) => {
    const timer = setInterval(() => {
      boss
        .getDb()
        .executeSql(`UPDATE ${schema}.job SET started_on = now() WHERE name = $1 AND id = $2 AND state = 'active'`, [name, id])
        .then((result) => {
          if ((result as { rowCount?: number }).rowCount === 0) controller.abort(new Error("job lease lost"));
        })
        .catch((error: unknown) => options.logger?.warn("job heartbeat failed", { jobId: id, error: String(error) }));
    }, Math.max(1000, (lease * 1000) / 3));
    timer.unref();
    return () => clearInterval(timer);
  };

  const work = async (type: string, handler: JobHandler) => {
    await boss.createQueue(type);
    for (let i = 0; i < concurrency; i++) {
      await boss.work<{ payload: unknown }>(
        type,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
        async ([job]) => {
          if (!job) return;
          const controller = new AbortController();
          running.set(job.id, controller);
          const stopBeat = heartbeat(type, job.id, controller);
          const context: JobContext = { jobId: job.id, signal: controller.signal, attempt: job.retryCount + 1 };
          try {
            await handler(job.data.payload, context);
          } catch (error) {
            options.logger?.error("job failed", { type, jobId: job.id, attempt: context.attempt, error: String(error) });
            throw error;
          } finally {
            stopBeat();
            running.delete(job.id);
          }
        },
      );
    }
  };

  return {
    durable: true,
    get running() {
      return started !== null && !stopped;
    },
    register(type, handler) {
      if (started) throw new Error(`pleroma-kit: register job type ${type} before the queue starts`);
      handlers.set(type, handler);
    },
    async enqueue(type, payload) {
      if (stopped) throw new Error("job queue is stopped");
      if (!handlers.has(type)) throw new Error(`no handler registered for job type ${type}`);
      if (!started) throw new Error("job queue not started: call start() first");
      await started;
      const id = await boss.send(type, { payload: payload as object });
      if (!id) throw new Error(`job of type ${type} was not queued`);
      return id;
    },
    async stats() {
      const counts: Record<string, number> = { queued: 0, running: 0, done: 0, failed: 0, retry: 0 };
      if (!started || stopped) return counts;
      await started;
      const { rows } = await boss
        .getDb()
        .executeSql(`SELECT state, count(*)::int AS n FROM ${schema}.job WHERE name = ANY($1::text[]) GROUP BY state`, [[...handlers.keys()]]);
      const names: Record<string, string> = { created: "queued", retry: "retry", active: "running", completed: "done", failed: "failed", cancelled: "failed" };
      for (const row of rows as Array<{ state: string; n: number }>) {
        const key = names[row.state] ?? row.state;
        counts[key] = (counts[key] ?? 0) + row.n;
      }
      return counts;
    },
    start() {
      started ??= (async () => {
        await boss.start();
        for (const [type, handler] of handlers) await work(type, handler);
        await reap().catch(() => {});
        reaper = setInterval(
          () => void reap().catch((error: unknown) => options.logger?.warn("job lease check failed", { error: String(error) })),
          (options.maintenanceIntervalSeconds ?? 5) * 1000,
        );
        reaper.unref();
      })();
      return started;
    },
    async stop(stopOptions = {}) {
      if (stopped || !started) return;
      stopped = true;
      await started.catch(() => {});
      if (reaper) clearInterval(reaper);
      const timeout = stopOptions.timeoutMs ?? 20_000;
      // Past the grace period running handlers are aborted; pg-boss then fails them into a retry.
      const abortTimer = setTimeout(() => {
        for (const c of running.values()) c.abort(new Error("job queue stopping"));
      }, timeout);
      try {
        await boss.stop({ graceful: true, wait: true, timeout: timeout + 2_000 });
      } finally {
        clearTimeout(abortTimer);
      }
    },
  };
}
