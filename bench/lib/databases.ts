import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, openSqlDatabase, type SqlDialect, type SqlStoreOptions } from "@pleroma-kit/store-sql";
import { CompiledQuery, type Kysely } from "kysely";

/** A migrated, empty database for one benchmark case. */
export interface BenchDatabase {
  // biome-ignore lint: table names are dynamic (prefix).
  readonly db: Kysely<any>;
  readonly dialect: SqlDialect;
  /** Pass to `createSqlStore` (and to the reference host's `createSqlHostData`). */
  readonly options: SqlStoreOptions;
  /** The real name of a store table (prefix applied). */
  table(name: string): string;
  /** Inserts rows in multi-row statements of `batch` rows: fast enough for 100k rows. */
  insertMany(table: string, rows: readonly Record<string, unknown>[], batch?: number): Promise<void>;
  /** Refreshes planner statistics, as autovacuum/`ANALYZE` would in service. */
  analyze(table: string): Promise<void>;
  /** Drops what the case created. */
  close(): Promise<void>;
}

/**
 * Opens a fresh database of each dialect in turn: SQLite in a temporary file (WAL, as in
 * service) and, when `postgresUrl` is set, PostgreSQL with a random table prefix that is dropped
 * afterwards.
 */
export function benchDialects(postgresUrl: string | null): Array<{ dialect: SqlDialect; open: () => Promise<BenchDatabase> }> {
  const out: Array<{ dialect: SqlDialect; open: () => Promise<BenchDatabase> }> = [{ dialect: "sqlite", open: openSqlite }];
  if (postgresUrl) out.push({ dialect: "postgres", open: () => openPostgres(postgresUrl) });
  return out;
}

async function openSqlite(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "pk-bench-"));
  const opened = await openSqlDatabase(`sqlite:${join(dir, "bench.sqlite")}`);
  const options: SqlStoreOptions = { dialect: "sqlite" };
  await migrate(opened.db, options);
  return wrap(opened.db, options, async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

async function openPostgres(url: string): Promise<BenchDatabase> {
  const opened = await openSqlDatabase(url, { poolMax: 4 });
  const prefix = `bench${randomBytes(4).toString("hex")}_`;
  const options: SqlStoreOptions = { dialect: "postgres", tablePrefix: prefix };
  await migrate(opened.db, options);
  return wrap(opened.db, options, async () => {
    try {
      const { rows } = await opened.db.executeQuery<{ tablename: string }>(
        CompiledQuery.raw("select tablename from pg_tables where schemaname = current_schema() and left(tablename, length($1)) = $1", [prefix]),
      );
      if (rows.length > 0) await opened.db.executeQuery(CompiledQuery.raw(`drop table if exists ${rows.map((r) => `"${r.tablename}"`).join(", ")} cascade`));
    } finally {
      await opened.close();
    }
  });
}

// biome-ignore lint: dynamic schema.
function wrap(db: Kysely<any>, options: SqlStoreOptions, close: () => Promise<void>): BenchDatabase {
  const table = (name: string) => `${options.tablePrefix ?? "pk_"}${name}`;
  return {
    db,
    dialect: options.dialect,
    options,
    table,
    async insertMany(name, rows, batch = 1000) {
      for (let i = 0; i < rows.length; i += batch) await db.insertInto(table(name)).values(rows.slice(i, i + batch)).execute();
    },
    async analyze(name) {
      await db.executeQuery(CompiledQuery.raw(`analyze "${table(name)}"`));
    },
    close,
  };
}

/** A date column's value in this dialect (SQLite stores ISO text). */
export const dateColumn = (dialect: SqlDialect, date: Date): string | Date => (dialect === "sqlite" ? date.toISOString() : date);
