import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Kysely, PostgresDialect, SqliteDialect, type LogConfig } from "kysely";
import type { PoolStats, SqlDialect } from "./sql-context.js";
import { cachedStatements, DEFAULT_STATEMENT_CACHE_SIZE } from "./statement-cache.js";

/** A connection opened from a URL: hand `db` and `dialect` to `migrate` and `createSqlStore`. */
export interface SqlDatabase {
  // biome-ignore lint: table names are dynamic (prefix), so the schema cannot be typed statically.
  readonly db: Kysely<any>;
  readonly dialect: SqlDialect;
  /**
   * Connection pool figures for the healthcheck; pass them on as `createSqlStore`'s `poolStats`.
   * Absent for SQLite, which has one connection and no pool.
   */
  readonly poolStats?: () => PoolStats;
  /** Closes the pool or the database file. */
  close(): Promise<void>;
}

/** Tuning for `openSqlDatabase`. */
export interface OpenSqlDatabaseOptions {
  /** Most PostgreSQL connections the pool opens. Default 10. */
  readonly poolMax?: number;
  /** How long SQLite waits for a lock held by another process before failing, in ms. Default 5000. */
  readonly busyTimeoutMs?: number;
  /**
   * SQLite: prepared statements kept for reuse by SQL text (least recently used out first).
   * Default 256; 0 prepares every query anew. PostgreSQL ignores it.
   */
  readonly statementCacheSize?: number;
  /** Kysely's query log (levels or a function), e.g. to trace slow queries. */
  readonly log?: LogConfig;
}

/**
 * Opens a database from a URL, so a deployment's configuration can be one string
 * (`DATABASE_URL`). Reads no environment variables itself: the caller passes the URL.
 *
 * - `sqlite:./data/app.sqlite` (or `sqlite:/abs/path.sqlite`): a file, its folder created when
 *   missing; WAL journal (readers do not block the writer), a busy timeout (a second process
 *   waits for the lock instead of failing at once), foreign keys on.
 * - `sqlite::memory:`: an in-memory database, gone on close.
 * - `sqlite://./a.sqlite`, `sqlite:///abs/a.sqlite`: the same with an empty authority.
 * - `postgres://...` or `postgresql://...`: a `pg` pool.
 *
 * The drivers (`better-sqlite3`, `pg`) are optional peer dependencies, loaded only for the
 * dialect asked for, so an install needs only the one it uses.
 *
 * @example
 * const { db, dialect, poolStats, close } = await openSqlDatabase("sqlite:./data/demo.sqlite");
 * await migrate(db, { dialect });
 * const store = createSqlStore(db, { dialect, poolStats });
 */
export async function openSqlDatabase(url: string, options: OpenSqlDatabaseOptions = {}): Promise<SqlDatabase> {
  if (url.startsWith("sqlite:")) {
    // `sqlite://./a.sqlite` and `sqlite:///abs/a.sqlite` are common spellings of `sqlite:./a.sqlite`
    // and `sqlite:/abs/a.sqlite`: an empty authority, then the path.
    const rest = url.slice("sqlite:".length);
    return openSqlite(rest.startsWith("//") ? rest.slice(2) : rest, options);
  }
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  // Never echo the URL: it may carry a password.
  throw new TypeError("pleroma-kit: unsupported database URL (expected sqlite:<path>, sqlite::memory: or postgres://...)");
}

async function openSqlite(path: string, options: OpenSqlDatabaseOptions): Promise<SqlDatabase> {
  if (path === "") throw new TypeError("pleroma-kit: sqlite: URL without a path (use sqlite::memory: for memory)");
  const { default: Database } = await import("better-sqlite3");
  const memory = path === ":memory:";
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new Database(path);
  if (!memory) database.pragma("journal_mode = WAL");
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  database.pragma("foreign_keys = ON");
  // WAL makes NORMAL durable against application crashes; only an OS crash may lose the last commit.
  if (!memory) database.pragma("synchronous = NORMAL");
  const statements = cachedStatements(database, options.statementCacheSize ?? DEFAULT_STATEMENT_CACHE_SIZE);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: statements }), ...(options.log ? { log: options.log } : {}) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

async function openPostgres(url: string, options: OpenSqlDatabaseOptions): Promise<SqlDatabase> {
  const { default: pg } = await import("pg");
  const max = options.poolMax ?? 10;
  const pool = new pg.Pool({ connectionString: url, max });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }), ...(options.log ? { log: options.log } : {}) });
  return {
    db,
    dialect: "postgres",
    poolStats: () => ({
      size: max,
      active: pool.totalCount - pool.idleCount,
      idle: pool.idleCount,
    }),
    // Kysely's destroy ends the pool.
    close: () => db.destroy(),
  };
}
