/** Helpers shared by the SQL host data modules: row types, pages, grouped counts, unique keys. */
import { sql, type SelectQueryBuilder } from "kysely";
import { isUniqueViolation, toNumber } from "@pleroma-kit/store-sql/extend";
import { UniqueViolation, type PageQuery } from "../../host-data.js";

export type Row = Record<string, unknown>;
// biome-ignore lint: dynamic table names, see SqlContext.
export type AnyQuery = SelectQueryBuilder<any, any, any>;

/** Which unique key a violation hit, named as the port's field. */
export function violatedField(error: unknown, fields: Record<string, string>): string {
  const e = error as { constraint?: string; message?: string };
  const where = `${e.constraint ?? ""} ${e.message ?? ""}`;
  for (const [needle, field] of Object.entries(fields)) if (where.includes(needle)) return field;
  return "id";
}

export async function unique<T>(fields: Record<string, string>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new UniqueViolation(violatedField(error, fields));
    throw error;
  }
}

export const jsonList = (value: unknown): string[] => {
  const parsed: unknown = JSON.parse(String(value ?? "[]"));
  return Array.isArray(parsed) ? parsed.map(String) : [];
};

export const nullableString = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/**
 * Runs a page over a sortable id column, newest first. With `minId` the rows right after it are
 * selected ascending (the page just above) and then reversed, so every page reads newest first.
 */
export async function runPage(query: AnyQuery, column: string, page: PageQuery, asKey: (id: string) => unknown = (id) => id): Promise<Row[]> {
  const limit = Math.floor(page.limit);
  if (!Number.isFinite(limit) || limit <= 0) return [];
  let q: AnyQuery = query;
  const bound = (id: string | undefined) => (id === undefined || id === "" ? undefined : asKey(id));
  const maxId = bound(page.maxId);
  const sinceId = bound(page.sinceId);
  // `minId: ""` is below every id: the page at the very beginning (how callers walk oldest first).
  const fromStart = page.minId === "";
  const minId = bound(page.minId);
  const ascending = fromStart || minId !== undefined;
  if (maxId !== undefined) q = q.where(column, "<", maxId);
  if (sinceId !== undefined) q = q.where(column, ">", sinceId);
  if (minId !== undefined) q = q.where(column, ">", minId);
  q = q.orderBy(column, ascending ? "asc" : "desc");
  const rows = (await q.limit(limit).execute()) as Row[];
  return ascending ? rows.reverse() : rows;
}

/** Counts per key for a batch, in one grouped query; every asked id is present (0 when none). */
export async function countsBy(query: AnyQuery, column: string, ids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  for (const id of unique) out.set(id, 0);
  const rows = await query
    .select([column, sql<number>`count(*)`.as("n")])
    .where(column, "in", unique)
    .groupBy(column)
    .execute();
  for (const r of rows as Row[]) out.set(String(r[column]), toNumber(r.n));
  return out;
}

