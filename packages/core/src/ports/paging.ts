/**
 * The paging shape shared by host and store ports that list rows by id (favourites, a
 * conversation's statuses, scrobbles).
 */

/**
 * A page over rows with sortable string ids: newest first, or oldest first above `minId`.
 *
 * @example
 * // The 20 newest rows older than id "100":
 * const page: IdPage = { maxId: "100", limit: 20 };
 */
export interface IdPage {
  readonly maxId?: string;
  readonly sinceId?: string;
  readonly minId?: string;
  readonly limit: number;
}
