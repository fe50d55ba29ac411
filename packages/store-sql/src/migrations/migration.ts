import type { SqlContext } from "../sql-context.js";

/** One schema change. `name` orders migrations and must never change once shipped. */
export interface Migration {
  readonly name: string;
  up(ctx: SqlContext): Promise<void>;
}

/** Column type for timestamps in each dialect. */
export const timestampType = (ctx: SqlContext) => (ctx.dialect === "postgres" ? "timestamptz" : "text");
