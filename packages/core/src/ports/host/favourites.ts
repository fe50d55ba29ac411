/** Favourites, owned by the host. */
import type { IdPage } from "../paging.js";

/**
 * Favourites are the host's (it owns statuses and likes). Core reads them for
 * `GET /api/v1/pleroma/accounts/:id/favourites` and applies visibility itself. Read-only.
 */
export interface HostFavourites {
  /**
   * Ids of the statuses (posts only) `accountId` favourited, paged by **status id** (Akkoma pages
   * by status id, not by when the like happened): newest status first, or ascending above `minId`.
   */
  favouritedStatusIds(accountId: string, page: IdPage): Promise<string[]>;
  /** The account's `hide_favorites` flag (Akkoma's default is true); null when the account is unknown. */
  hidesFavourites(accountId: string): Promise<boolean | null>;
}
