import type { Kysely } from "kysely";
import { migrations } from "./migrations/index.js";
import { runMigrations } from "./migrator.js";
import type { SqlStoreOptions } from "./sql-context.js";

/**
 * Applies the library's pending migrations in name order, recording them in `<prefix>migrations`,
 * all in one transaction (so a failure leaves the schema as it was). Answers the names applied.
 * Safe to call at every start; concurrent callers on PostgreSQL are serialised by an advisory
 * lock. It creates only the library's own tables: a host keeps its tables and migrates them itself
 * (the reference host's are migrated by `migrateReferenceHost` of `@pleroma-kit/reference-host/sql`).
 */
export async function migrate(db: Kysely<any>, options: SqlStoreOptions): Promise<string[]> {
  return runMigrations(db, options, { table: "migrations", migrations });
}
