/**
 * `@pleroma-kit/jobs-postgres`: what several pleroma-kit instances on one PostgreSQL database
 * share besides the store: a durable job queue (pg-boss), advisory locks and change signals.
 * See docs/scaling.md.
 * @packageDocumentation
 */
export { pgBossJobs, type PgBossJobQueue, type PgBossJobsOptions } from "./pg-boss-jobs.js";
export { postgresLocks, postgresSignals, type PostgresCoordinationOptions, type PostgresSignals } from "./postgres-coordination.js";
