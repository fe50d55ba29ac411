import type { Kysely } from "kysely";
import type { Migration } from "./migrations/migration.js";
import { sqlContext, type SqlStoreOptions } from "./sql-context.js";

/** Which migrations {@link runMigrations} applies, and where it records them. */
export interface MigrationSet {
  /** The history table, without the table prefix (the prefix is added): one per migration set. */
  readonly table: string;
  readonly migrations: readonly Migration[];
}

/**
 * The migrator behind the library's `migrate`, for a package that keeps its own tables beside the store's
 * in one database with a history of its own: applies `set.migrations` in name order in one
 * transaction, records them in `<prefix><set.table>`, and on PostgreSQL serialises concurrent
 * callers with an advisory lock keyed by that table. Names recorded in the table but absent from
 * the list are ignored (a migration that moved to another set leaves its row behind harmlessly).
 */
export async function runMigrations(db: Kysely<any>, options: SqlStoreOptions, set: MigrationSet): Promise<string[]> {
  const ctx = sqlContext(db, options);
  const table = ctx.t(set.table);
  const list = ordered(set.migrations);
  await db.schema
    .createTable(table)
    .ifNotExists()
    .addColumn("name", "varchar(255)", (c) => c.primaryKey())
    .addColumn("applied_at", "varchar(64)", (c) => c.notNull())
    .execute()
    .catch(async (e) => {
      // Two processes creating the table at once on PostgreSQL: the loser sees a unique violation.
      if (!(await tableExists(db, table))) throw e;
    });
  return db.transaction().execute(async (trx) => {
    if (ctx.dialect === "postgres") {
      await trx.executeQuery({ sql: "select pg_advisory_xact_lock(hashtext($1))", parameters: [table], query: { kind: "RawNode" } } as never);
    }
    const done = new Set((await trx.selectFrom(table).select("name").execute()).map((r: { name: string }) => r.name));
    const tctx = { ...ctx, db: trx };
    const applied: string[] = [];
    for (const m of list) {
      if (done.has(m.name)) continue;
      await m.up(tctx);
      await trx.insertInto(table).values({ name: m.name, applied_at: new Date().toISOString() }).execute();
      applied.push(m.name);
    }
    return applied;
  });
}

async function tableExists(db: Kysely<any>, table: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === table);
}

/**
 * Migrations by name: files are numbered, and merges of parallel branches may append their lines
 * to the list in any order, so the name, not the list position, decides. Two migrations with
 * one name would make one of them never run: refuse that at once.
 */
function ordered(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  sorted.forEach((m, i) => {
    if (i > 0 && sorted[i - 1]!.name === m.name) throw new Error(`pleroma-kit: two migrations named ${m.name}`);
  });
  return sorted;
}
