/**
 * A bounded cache of prepared SQLite statements for Kysely's `SqliteDialect`. Kysely's SQLite
 * driver calls `prepare` for every query it runs; better-sqlite3 statements can be run again with
 * new parameters, so preparing each distinct SQL text once and reusing it skips SQLite's parse and
 * plan on every request (about a fifth of the CPU of a read under load before this cache).
 *
 * The cache is keyed by SQL text and bounded (least recently used out first), so queries built
 * with a varying number of parameters (`in (?, ?, ...)`) cannot grow it without limit. Reuse is
 * safe because Kysely runs one query at a time on SQLite's single connection: a statement is never
 * asked to run while another run (or a streamed `iterate`) of it is open.
 */
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** Statements kept by default: every hot query of the library and the reference host, with room. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

/** Wraps a better-sqlite3 `Database` (or anything with `prepare` and `close`) for `SqliteDialect`. */
export function cachedStatements(database: SqliteDatabase, max = DEFAULT_STATEMENT_CACHE_SIZE): SqliteDatabase & { readonly size: number } {
  const statements = new Map<string, SqliteStatement>();
  const limit = Math.max(0, Math.floor(max));
  return {
    get size() {
      return statements.size;
    },
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql) {
      const hit = statements.get(sql);
      if (hit) {
        // Map order is insertion order: re-inserting marks the statement most recently used.
        statements.delete(sql);
        statements.set(sql, hit);
        return hit;
      }
      const statement = database.prepare(sql);
      if (limit === 0) return statement;
      if (statements.size >= limit) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
      return statement;
    },
  };
}
