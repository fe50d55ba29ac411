import { sql } from "kysely";
import type { SqlContext } from "../sql-context.js";

/** One schema change. `name` orders migrations and must never change once shipped. */
export interface Migration {
  readonly name: string;
  up(ctx: SqlContext): Promise<void>;
}

/** Column type for timestamps in each dialect. */
export const timestampType = (ctx: SqlContext) => (ctx.dialect === "postgres" ? "timestamptz" : "text");

/**
 * Column type for sortable string ids (flake ids, compared with < and >). PostgreSQL gets the
 * "C" collation so that order is byte order, the same as SQLite's and JavaScript's, whatever the
 * database's locale; the btree index then serves the range scans of pagination.
 */
export const idType = (ctx: SqlContext) => (ctx.dialect === "postgres" ? sql`varchar(255) collate "C"` : sql`varchar(255)`);
