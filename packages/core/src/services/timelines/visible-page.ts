import type { HostPorts, IdPage } from "../../ports/host.js";
import { fromPort, type Outcome } from "../../result.js";

/** Timelines answer at most this many items per page (Akkoma clamps `limit` to 40). */
export const MAX_PAGE_LIMIT = 40;
/** Items per page when the client gives no `limit`. */
export const DEFAULT_PAGE_LIMIT = 20;
/** Store pages read to fill one visible page before giving up: bounds the work a hidden-heavy list costs. */
const MAX_ROUNDS = 5;

/** `limit` as Akkoma applies it: default 20, at most 40, at least 1. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_LIMIT;
  return Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.trunc(limit)));
}

/**
 * Of `ids`, those the viewer may see: the host's visibility rule, minus statuses by authors the
 * viewer blocks (mutes are not applied on these lists, as in Akkoma). Two host calls when the host
 * has `getVisibleMany`, else one per status plus one batch: pages are at most 40 ids.
 */
export async function visibleStatusIds(host: HostPorts, viewerId: string | null, ids: readonly string[]): Promise<Set<string>> {
  const many = host.statuses.getVisibleMany;
  const visible =
    many && ids.length > 0
      ? await many.call(host.statuses, [...new Set(ids)], viewerId)
      : (await Promise.all(ids.map((id) => host.statuses.getVisible(id, viewerId)))).filter((s) => s !== null);
  if (viewerId === null || visible.length === 0) return new Set(visible.map((s) => s.id));
  const authors = [...new Set(visible.map((s) => s.authorId))].filter((a) => a !== viewerId);
  const hidden = authors.length > 0 ? await host.relationships.hiddenFor(viewerId, authors, { includeMuted: true }) : new Set<string>();
  return new Set(visible.filter((s) => !hidden.has(s.authorId)).map((s) => s.id));
}

/**
 * Reads pages from `fetch` (store order: newest first, or ascending with `minId`) and keeps the
 * ids `keep` accepts, until `page.limit` are found or the source runs dry, so hidden items do not
 * shorten a page. Order is the source's.
 */
export function pageOfVisible(
  page: IdPage,
  fetch: (page: IdPage) => Promise<string[]>,
  keep: (ids: readonly string[]) => Promise<Set<string>>,
): Outcome<string[]> {
  return fromPort(async () => {
    const out: string[] = [];
    // Read whole store pages even for small limits, so a few hidden items cost one round, not many.
    let cursor: IdPage = { ...page, limit: Math.max(page.limit, MAX_PAGE_LIMIT) };
    for (let round = 0; round < MAX_ROUNDS && out.length < page.limit; round++) {
      const ids = await fetch(cursor);
      if (ids.length === 0) break;
      const kept = await keep(ids);
      for (const id of ids) if (kept.has(id) && out.length < page.limit) out.push(id);
      if (ids.length < cursor.limit) break;
      const last = ids[ids.length - 1]!;
      cursor = page.minId !== undefined ? { ...cursor, minId: last } : { ...cursor, maxId: last };
    }
    return out;
  });
}
