/**
 * Ordering of string ids for paging. Flake ids have a fixed width, integer ids do not ("10" sorts
 * before "9" as a string); left-padding both to one width makes plain string comparison (and a
 * SQL index on the padded column) order them correctly.
 */
import type { IdPage } from "../ports/host.js";

/** Width every id is padded to. Longer ids are refused by the stores' column sizes anyway. */
export const ID_SORT_WIDTH = 64;

/** The sortable form of an id: left-padded with `0` to {@link ID_SORT_WIDTH}. */
export function idSortKey(id: string): string {
  return id.length >= ID_SORT_WIDTH ? id : id.padStart(ID_SORT_WIDTH, "0");
}

/** Orders ids by {@link idSortKey}, oldest first. */
export function compareIds(a: string, b: string): number {
  const ka = idSortKey(a);
  const kb = idSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Applies an {@link IdPage} to items held in memory: newest first below `maxId` / above `sinceId`,
 * or, with `minId`, the `limit` oldest above it in ascending order. The memory stores use it; SQL
 * stores express the same as a range query.
 */
export function pageInMemory<T>(items: readonly T[], idOf: (item: T) => string, page: IdPage): T[] {
  const key = (item: T) => idSortKey(idOf(item));
  let kept = [...items];
  if (page.maxId !== undefined) {
    const max = idSortKey(page.maxId);
    kept = kept.filter((i) => key(i) < max);
  }
  if (page.sinceId !== undefined) {
    const since = idSortKey(page.sinceId);
    kept = kept.filter((i) => key(i) > since);
  }
  if (page.minId !== undefined) {
    const min = idSortKey(page.minId);
    return kept
      .filter((i) => key(i) > min)
      .sort((a, b) => (key(a) < key(b) ? -1 : 1))
      .slice(0, page.limit);
  }
  return kept.sort((a, b) => (key(a) < key(b) ? 1 : -1)).slice(0, page.limit);
}
