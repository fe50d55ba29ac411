/** Home, public and account timelines: pages of statuses the viewer may see, kept full after filtering. */
import type { HostRelationships, Visibility } from "@pleroma-kit/core";
import type { HostContext } from "../host-context.js";
import type { PageQuery, StatusRow } from "../host-data.js";
import { visibleRows } from "../visibility.js";
import { fillPage, mergeNewestFirst } from "./paging.js";

/** The host's `timelines`. */
export interface HostTimelines {
  /** The viewer's own and followed accounts' statuses they may see, newest first. */
  home(viewerId: string, page: PageQuery): Promise<StatusRow[]>;
  /** Public statuses (and `local` ones for signed-in local viewers), newest first. */
  public(viewerId: string | null, page: PageQuery, opts?: { localOnly?: boolean }): Promise<StatusRow[]>;
  /** An account's statuses the viewer may see, newest first. */
  account(accountId: string, viewerId: string | null, page: PageQuery, opts?: { excludeReplies?: boolean }): Promise<StatusRow[]>;
}

export function createTimelines(deps: Pick<HostContext, "data"> & { hiddenFor: HostRelationships["hiddenFor"] }): HostTimelines {
  const { data, hiddenFor } = deps;
  return {
    async home(viewerId, page) {
      const authors = [viewerId, ...(await data.relations.allFrom("follow", viewerId))];
      const blockedOrMuted = await hiddenFor(viewerId, authors, { includeMuted: false });
      const kept = authors.filter((a) => !blockedOrMuted.has(a));
      return fillPage(page, async (p) => {
        const perAuthor = await Promise.all(kept.map((a) => data.statuses.byAuthor(a, p)));
        return mergeNewestFirst(perAuthor, p);
      }, (rows) => visibleRows(data, rows, viewerId));
    },
    async public(viewerId, page, opts = {}) {
      const viewer = viewerId ? await data.users.byId(viewerId) : null;
      const visibilities: Visibility[] = viewer && viewer.domain === null ? ["public", "local"] : ["public"];
      return fillPage(page, (p) => data.statuses.byVisibility(visibilities, p), async (rows) => {
        const visible = await visibleRows(data, rows, viewerId);
        const hidden = viewerId ? await hiddenFor(viewerId, visible.map((r) => r.authorId), { includeMuted: false }) : new Set<string>();
        if (!opts.localOnly) return visible.filter((r) => !hidden.has(r.authorId));
        const authors = new Map((await data.users.byIds(visible.map((r) => r.authorId))).map((u) => [u.id, u]));
        return visible.filter((r) => !hidden.has(r.authorId) && authors.get(r.authorId)?.domain === null);
      });
    },
    async account(accountId, viewerId, page, opts = {}) {
      return fillPage(page, (p) => data.statuses.byAuthor(accountId, p), async (rows) =>
        (await visibleRows(data, rows, viewerId)).filter((r) => !opts.excludeReplies || r.inReplyToId === null),
      );
    },
  };
}
