import { errAsync } from "neverthrow";
import { appError } from "../../errors/index.js";
import type { Entity, HostPorts, IdPage } from "../../ports/host.js";
import { fromPort, type Outcome } from "../../result.js";
import { clampLimit, pageOfVisible, visibleStatusIds } from "../timelines/visible-page.js";

/** A page of statuses, newest first, with the ids the Link header needs. */
export interface StatusPage {
  readonly statuses: Entity[];
  /** First (newest) and last (oldest) id on the page; null when it is empty. */
  readonly bounds: { readonly newest: string; readonly oldest: string } | null;
}

export interface FavouritesDeps {
  readonly host: HostPorts;
  readonly renderStatuses: (ids: readonly string[], viewerId: string | null) => Outcome<Map<string, Entity>>;
}

/**
 * `GET /api/v1/pleroma/accounts/:id/favourites` (accounts.md 9): an account's liked posts, hidden
 * unless the account opted in (even from itself), filtered by what the viewer may see.
 */
export class FavouritesService {
  constructor(private readonly deps: FavouritesDeps) {}

  list(viewerId: string | null, accountId: string, page: Omit<IdPage, "limit"> & { limit?: number }): Outcome<StatusPage> {
    const favourites = this.deps.host.favourites;
    if (!favourites) return errAsync(appError("HOST_FEATURE_MISSING"));
    const limit = clampLimit(page.limit);
    return fromPort(() => favourites.hidesFavourites(accountId))
      .andThen((hides) => {
        if (hides === null) return errAsync(appError("NOT_FOUND"));
        if (hides) return errAsync(appError("FAVOURITES_HIDDEN"));
        return pageOfVisible(
          { ...page, limit },
          (cursor) => favourites.favouritedStatusIds(accountId, cursor),
          (ids) => visibleStatusIds(this.deps.host, viewerId, ids),
        );
      })
      .andThen((ids) => {
        // min_id pages are fetched ascending but answered newest first, like every timeline.
        const newestFirst = page.minId !== undefined ? [...ids].reverse() : ids;
        return this.deps.renderStatuses(newestFirst, viewerId).map((rendered) => {
          const statuses = newestFirst.flatMap((id) => (rendered.has(id) ? [rendered.get(id)!] : []));
          const bounds = newestFirst.length > 0 ? { newest: newestFirst[0]!, oldest: newestFirst[newestFirst.length - 1]! } : null;
          return { statuses, bounds };
        });
      });
  }
}
