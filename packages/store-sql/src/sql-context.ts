import type { Kysely } from "kysely";

/** The SQL dialects the store supports. */
export type SqlDialect = "sqlite" | "postgres";

/** Where and how the store's tables live; pass the same options to `migrate` and `createSqlStore`. */
export interface SqlStoreOptions {
  readonly dialect: SqlDialect;
  /** Prefix for every table name, so the tables can live beside a host's own. Default `pk_`. */
  readonly tablePrefix?: string;
  /**
   * Connection pool figures for the healthcheck (`health.pool()`); `openSqlDatabase` provides
   * them for PostgreSQL. Without it the healthcheck reports no pool.
   */
  readonly poolStats?: () => PoolStats;
}

/** A connection pool's figures: configured size, connections in use, idle connections. */
export interface PoolStats {
  readonly size: number;
  readonly active: number;
  readonly idle: number;
}

/**
 * What every SQL module receives: the Kysely instance, the dialect, and `t()` to name tables with
 * the configured prefix. Modules use `db` untyped (`Kysely<any>`) because table names are dynamic.
 */
export interface SqlContext {
  // biome-ignore lint: table names are dynamic (prefix), so the schema cannot be typed statically.
  readonly db: Kysely<any>;
  readonly dialect: SqlDialect;
  readonly t: (table: string) => string;
}

/** Builds the context every SQL module shares; throws once on an invalid table prefix. */
export function sqlContext(db: Kysely<any>, options: SqlStoreOptions): SqlContext {
  const prefix = options.tablePrefix ?? "pk_";
  if (!/^[a-z_][a-z0-9_]{0,20}$/i.test(prefix) && prefix !== "") {
    throw new TypeError(`pleroma-kit: invalid table prefix ${JSON.stringify(prefix)}`);
  }
  return { db, dialect: options.dialect, t: (table) => `${prefix}${table}` };
}

/** Dates are stored as ISO strings in SQLite and timestamptz in PostgreSQL; this reads either. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** The value to write for a date column in this dialect. */
export function dateValue(ctx: SqlContext, date: Date): string | Date {
  return ctx.dialect === "sqlite" ? date.toISOString() : date;
}

/** True when an error is a unique-constraint violation in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/**
 * The value to write for a boolean column: better-sqlite3 cannot bind JavaScript booleans, so
 * SQLite gets 1/0; PostgreSQL gets a real boolean.
 */
export function boolValue(ctx: SqlContext, value: boolean): number | boolean {
  return ctx.dialect === "sqlite" ? (value ? 1 : 0) : value;
}

/** Reads a boolean column in either dialect (SQLite returns 0/1). */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === "1" || value === 1n;
}

/** Reads a count or integer column: PostgreSQL returns bigint counts as strings. */
export function toNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(value ?? 0);
}
