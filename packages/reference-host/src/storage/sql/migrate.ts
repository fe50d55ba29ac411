import { runMigrations, type SqlStoreOptions } from "@pleroma-kit/store-sql/extend";
import type { Kysely } from "kysely";
import { referenceHostMigrations } from "./migrations/index.js";

/**
 * Creates and updates the reference host's tables (users, apps, tokens, statuses, relations,
 * favourites, notifications) for `createSqlHostData`. Its history is its own,
 * `<prefix>reference_host_migrations`, apart from the library's `<prefix>migrations`; like the
 * library's `migrate` it applies everything in one transaction and serialises concurrent callers
 * on PostgreSQL with an advisory lock. Answers the names applied. Run it beside store-sql's
 * `migrate`, with the same options; a database that store-sql 0.1.0 migrated keeps its tables.
 *
 * @example
 * await migrate(db, options); // the library's tables
 * await migrateReferenceHost(db, options); // the reference host's
 */
// biome-ignore lint: table names are dynamic (prefix), so the schema cannot be typed statically.
export async function migrateReferenceHost(db: Kysely<any>, options: SqlStoreOptions): Promise<string[]> {
  return runMigrations(db, options, { table: "reference_host_migrations", migrations: referenceHostMigrations });
}
