import type { PageQuery } from "@pleroma-kit/reference-host";

/**
 * Applies Mastodon's paging to rows keyed by sortable string ids (fixed-width, so string order is
 * creation order, as `flakeIds` produces them): newest first below `maxId` and above `sinceId`; with
 * `minId`, the `limit` rows just above it (chosen oldest first), still presented newest first.
 * Shared by every memory HostData list so they all page the same way.
 */
export function pageRows<T>(rows: Iterable<T>, idOf: (row: T) => string, page: PageQuery): T[] {
  const limit = Math.max(0, page.limit);
  const kept: T[] = [];
  for (const row of rows) {
    const id = idOf(row);
    if (page.maxId !== undefined && !(id < page.maxId)) continue;
    if (page.sinceId !== undefined && !(id > page.sinceId)) continue;
    if (page.minId !== undefined && !(id > page.minId)) continue;
    kept.push(row);
  }
  if (page.minId !== undefined) {
    kept.sort((a, b) => compare(idOf(a), idOf(b)));
    return kept.slice(0, limit).reverse();
  }
  kept.sort((a, b) => compare(idOf(b), idOf(a)));
  return kept.slice(0, limit);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
