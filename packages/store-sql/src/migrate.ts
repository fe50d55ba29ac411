import type { Kysely } from "kysely";
import { migrations, type Migration } from "./migrations/index.js";
import { sqlContext, type SqlStoreOptions } from "./sql-context.js";

/**
 * Applies pending migrations in order, each in its own transaction, recording them in
 * `<prefix>migrations`. Safe to call at every start; concurrent callers on PostgreSQL are
 * serialised by an advisory lock.
 */
export async function migrate(db: Kysely<any>, options: SqlStoreOptions): Promise<string[]> {
  const ctx = sqlContext(db, options);
  const table = ctx.t("migrations");
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
    const applied: string[] = [];
    const tctx = { ...ctx, db: trx };
    for (const m of ordered()) {
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
function ordered(): Migration[] {
  const sorted = [...migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  sorted.forEach((m, i) => {
    if (i > 0 && sorted[i - 1]!.name === m.name) throw new Error(`pleroma-kit: two migrations named ${m.name}`);
  });
  return sorted;
}
