/**
 * `@pleroma-kit/reference-host/sql`: the reference host's storage (`HostData`) over Kysely, in
 * SQLite or PostgreSQL, beside store-sql's tables in one database, and the migrator of its tables.
 * Needs `@pleroma-kit/store-sql` and `kysely` (optional peers of this package).
 * @packageDocumentation
 */
export { createSqlHostData } from "./sql-host-data.js";
export { migrateReferenceHost } from "./migrate.js";
