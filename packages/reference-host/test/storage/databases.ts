/**
 * Test databases for the reference host's SQL storage: a fresh in-memory SQLite database and a
 * PostgreSQL one isolated by a random table prefix (its tables dropped on close), each migrated by
 * `migrateReferenceHost` only, and `describeDialects`, which runs one suite on both.
 *
 * PostgreSQL is probed once per test file; unreachable, its suites are skipped visibly, or fail
 * under `PLEROMA_KIT_REQUIRE_PG=1` (what CI sets).
 */
import { randomBytes } from "node:crypto";
import { describeWhenPostgres, postgresUrl, probePostgres } from "@pleroma-kit/testkit";
import { openSqlDatabase, type SqlDialect, type SqlStoreOptions } from "@pleroma-kit/store-sql";
import { CompiledQuery, type Kysely } from "kysely";
import { describe } from "vitest";
import { createSqlHostData, migrateReferenceHost } from "../../src/storage/sql/index.js";
import type { HostDataFactory } from "./host-data-contract.js";

export { postgresUrl } from "@pleroma-kit/testkit";

/** A migrated, empty database for one test. */
export interface TestDatabase {
  // biome-ignore lint: table names are dynamic (prefix), so the schema cannot be typed statically.
  readonly db: Kysely<any>;
  readonly dialect: SqlDialect;
  /** Dialect and table prefix: pass to `createSqlHostData` and `migrateReferenceHost`. */
  readonly options: SqlStoreOptions;
  /** Queries run so far, when opened with `recordQueries` (for EXPLAIN tests). */
  readonly queries: CompiledQuery[];
  /** Drops this test's tables (PostgreSQL) and closes the connection. */
  close(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** PostgreSQL pool size; default 4. */
  readonly poolMax?: number;
  /** Keep every compiled query in `queries`. */
  readonly recordQueries?: boolean;
}

export type DatabaseFactory = (options?: TestDatabaseOptions) => Promise<TestDatabase>;

export const sqliteDb: DatabaseFactory = async (options = {}) => {
  const queries: CompiledQuery[] = [];
  const opened = await openSqlDatabase("sqlite::memory:", recorder(options, queries));
  const hostOptions: SqlStoreOptions = { dialect: "sqlite" };
  await migrateReferenceHost(opened.db, hostOptions);
  queries.length = 0;
  return { db: opened.db, dialect: "sqlite", options: hostOptions, queries, close: opened.close };
};

export const postgresDb: DatabaseFactory = async (options = {}) => {
  const queries: CompiledQuery[] = [];
  const opened = await openSqlDatabase(postgresUrl, { poolMax: options.poolMax ?? 4, ...recorder(options, queries) });
  const tablePrefix = `h${randomBytes(5).toString("hex")}_`;
  const hostOptions: SqlStoreOptions = { dialect: "postgres", tablePrefix };
  try {
    await migrateReferenceHost(opened.db, hostOptions);
  } catch (error) {
    await dropPrefixed(opened.db, tablePrefix).finally(() => opened.close());
    throw error;
  }
  queries.length = 0;
  const close = async () => {
    try {
      await dropPrefixed(opened.db, tablePrefix);
    } finally {
      await opened.close();
    }
  };
  return { db: opened.db, dialect: "postgres", options: hostOptions, queries, close };
};

function recorder(options: TestDatabaseOptions, queries: CompiledQuery[]) {
  return options.recordQueries
    ? {
        log: (event: { level: string; query: CompiledQuery }) => {
          if (event.level === "query") queries.push(event.query);
        },
      }
    : {};
}

/** Drops every PostgreSQL table whose name starts with `prefix` (a test's own tables). */
// biome-ignore lint: dynamic schema.
export async function dropPrefixed(db: Kysely<any>, prefix: string): Promise<void> {
  const { rows } = await db.executeQuery<{ tablename: string }>(
    CompiledQuery.raw("select tablename from pg_tables where schemaname = current_schema() and left(tablename, length($1)) = $1", [prefix]),
  );
  if (rows.length === 0) return;
  const names = rows.map((r) => `"${r.tablename.replaceAll('"', '""')}"`).join(", ");
  await db.executeQuery(CompiledQuery.raw(`drop table if exists ${names} cascade`));
}

/** Null when PostgreSQL answered the probe; otherwise why it did not. Probed once per test file. */
export const postgresProblem: string | null = await probePostgres();

/** `describe` for suites that need PostgreSQL (skipped visibly when it is unreachable). */
export function describePostgres(name: string, suite: () => void): void {
  describeWhenPostgres(postgresProblem, name, suite);
}

/** Runs one suite on SQLite and on PostgreSQL; the suite receives the factory for its dialect. */
export function describeDialects(name: string, suite: (open: DatabaseFactory, dialect: SqlDialect) => void): void {
  describe(`${name} (sqlite)`, () => suite(sqliteDb, "sqlite"));
  describePostgres(`${name} (postgres)`, () => suite(postgresDb, "postgres"));
}

/** `runHostDataContract` factories: the reference host's storage over a fresh database per test. */
export const sqliteHostData: HostDataFactory = async () => hostDataOn(await sqliteDb());
export const postgresHostData: HostDataFactory = async () => hostDataOn(await postgresDb());

function hostDataOn(t: TestDatabase) {
  return { data: createSqlHostData(t.db, t.options), close: () => t.close() };
}

/** The real name of one of the host's tables in a test database (prefix applied). */
export function tableName(t: TestDatabase, table: string): string {
  return `${t.options.tablePrefix ?? "pk_"}${table}`;
}

/** Inserts many rows in batches of `batch` (one statement each). */
export async function insertMany(t: TestDatabase, table: string, rows: readonly Record<string, unknown>[], batch = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    await t.db.insertInto(tableName(t, table)).values(rows.slice(i, i + batch)).execute();
  }
}
