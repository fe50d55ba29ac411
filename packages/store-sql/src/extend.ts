/**
 * `@pleroma-kit/store-sql/extend`: for a package that keeps its own tables beside the store's in
 * one database (the reference host does): the migrator behind `migrate`, with a history table of
 * its own and the same PostgreSQL advisory lock, the column types the store's migrations use, and
 * the dialect helpers its queries use. Embedders who only use the store need the root entry.
 * @packageDocumentation
 */
export { runMigrations, type MigrationSet } from "./migrator.js";
export { idType, timestampType, type Migration } from "./migrations/migration.js";
export {
  boolValue,
  dateValue,
  isUniqueViolation,
  sqlContext,
  toBool,
  toDate,
  toNumber,
  type SqlContext,
  type SqlDialect,
  type SqlStoreOptions,
} from "./sql-context.js";
