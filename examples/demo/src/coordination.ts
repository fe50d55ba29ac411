/**
 * What the demo's instances share when DATABASE_URL is PostgreSQL: the pg-boss job queue, advisory
 * locks for pack edits and LISTEN/NOTIFY for the emoji catalog (docs/scaling.md). Other databases
 * get the in-process defaults.
 */
import type { JobQueue, Logger } from "@pleroma-kit/core";
import type { ChangeSignals, Locks } from "@pleroma-kit/core/store-kit";
import { pgBossJobs, postgresLocks, postgresSignals } from "@pleroma-kit/jobs-postgres";
import pg from "pg";

export interface DemoCoordination {
  readonly jobs?: JobQueue;
  readonly locks?: Locks;
  readonly signals?: ChangeSignals;
  /** Starts working jobs (after the kit registered its handlers). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function openCoordination(databaseUrl: string, tablePrefix: string, logger: Logger): DemoCoordination {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return { start: async () => {}, close: async () => {} };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  const jobs = pgBossJobs({ connectionString: databaseUrl, schema: `${tablePrefix}pgboss`, logger });
  const signals = postgresSignals(pool, databaseUrl, { namespace: tablePrefix, logger });
  return {
    jobs,
    locks: postgresLocks(pool, { namespace: tablePrefix, logger }),
    signals,
    start: () => jobs.start(),
    async close() {
      await jobs.stop({ timeoutMs: 5_000 }).catch(() => {});
      await signals.close();
      await pool.end();
    },
  };
}
