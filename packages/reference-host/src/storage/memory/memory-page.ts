import type { PageQuery } from "../../host-data.js";

/**
 * Applies Mastodon's paging to rows keyed by sortable string ids (fixed-width, so string order is
 * creation order, as `flakeIds` produces them): newest first below `maxId` and above `sinceId`; with
 * `minId`, the `limit` rows just above it (chosen oldest first), still presented newest first.
 * Shared by every memory HostData list so they all page the same way.
 *
 * One pass over `rows` keeping only the best `limit` candidates (binary insertion): walking a
 * large list page by page costs no copies or full sorts of it.
 */
export function pageRows<T>(rows: Iterable<T>, idOf: (row: T) => string, page: PageQuery, keep: (row: T) => boolean = () => true): T[] {
  const limit = Math.max(0, Math.floor(page.limit));
  if (limit === 0) return [];
  const ascending = page.minId !== undefined;
  // `first(a, b)`: a comes before b in selection order (oldest first with minId, else newest first).
  const first = ascending ? (a: string, b: string) => a < b : (a: string, b: string) => a > b;
  const best: T[] = [];
  const bestIds: string[] = [];
  for (const row of rows) {
    if (!keep(row)) continue;
    const id = idOf(row);
    if (page.maxId !== undefined && !(id < page.maxId)) continue;
    if (page.sinceId !== undefined && !(id > page.sinceId)) continue;
    if (page.minId !== undefined && !(id > page.minId)) continue;
    if (best.length === limit && !first(id, bestIds[limit - 1]!)) continue;
    let lo = 0;
    let hi = bestIds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (first(bestIds[mid]!, id)) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, row);
    bestIds.splice(lo, 0, id);
    if (best.length > limit) {
      best.pop();
      bestIds.pop();
    }
  }
  return ascending ? best.reverse() : best;
}
