/** Paging helpers for lists whose rows are filtered after they are read. */
import type { PageQuery, StatusRow } from "../host-data.js";

/**
 * Fills a page although filtering drops rows: fetches page after page (each `limit` long) until
 * `limit` rows survive `keep` or the source runs dry. With `minId` it walks upwards.
 */
export async function fillPage<T extends { id: string }>(
  page: PageQuery,
  fetch: (page: PageQuery) => Promise<T[]>,
  keep: (rows: T[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: PageQuery = page;
  for (let round = 0; round < 20 && out.length < page.limit; round++) {
    const rows = await fetch(cursor);
    if (rows.length === 0) break;
    out.push(...(await keep(rows)));
    if (rows.length < cursor.limit) break;
    // Rows come newest first; continue below the oldest, or (min_id) above the newest.
    cursor = page.minId !== undefined ? { ...cursor, minId: rows[0]!.id } : { ...cursor, maxId: rows[rows.length - 1]!.id };
  }
  if (page.minId !== undefined) {
    // Walking upwards: keep the `limit` lowest, presented newest first.
    return out.sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, page.limit).reverse();
  }
  return out.slice(0, page.limit);
}

/** Merges per-author pages (each newest first) into one page with the same bounds. */
export function mergeNewestFirst(lists: StatusRow[][], page: PageQuery): StatusRow[] {
  const all = lists.flat();
  if (page.minId !== undefined) return all.sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, page.limit).reverse();
  return all.sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, page.limit);
}
