/**
 * `@pleroma-kit/store-sql`: every pleroma-kit port over Kysely. SQLite (better-sqlite3) is the
 * embedded default; PostgreSQL (pg) is for production.
 * @packageDocumentation
 */
export * from "./sql-store.js";
export * from "./migrate.js";
export { type SqlDialect, type SqlStoreOptions } from "./sql-context.js";
export * from "./open-database.js";
export type { PoolStats } from "./sql-context.js";
export { cachedStatements, DEFAULT_STATEMENT_CACHE_SIZE } from "./statement-cache.js";
