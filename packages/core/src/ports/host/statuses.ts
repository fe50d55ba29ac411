/** The host's statuses, as the library reads them. */
import type { Entity } from "./entity.js";

/** Status visibility, as Mastodon/Pleroma name it. */
export type Visibility = "public" | "unlisted" | "private" | "direct" | "local" | "list";

/** The facts about a status the library decides on. */
export interface HostStatus {
  readonly id: string;
  readonly authorId: string;
  readonly visibility: Visibility;
  /** Account ids the status is addressed to (mentions/recipients), for federation addressing. */
  readonly addressedTo: readonly string[];
  readonly createdAt: Date;
}

/**
 * Read access to the host's statuses. The host alone decides visibility: the library never shows
 * a status `getVisible` or `render` did not give it. Read-only, safe to call concurrently.
 *
 * @example
 * const status = await host.statuses.getVisible(id, viewerId); // null: 404 "Record not found"
 */
export interface HostStatuses {
  /** The status when `viewerId` (null = anonymous) may see it, else null (unknown ids too). */
  getVisible(id: string, viewerId: string | null): Promise<HostStatus | null>;
  /**
   * Optional batch of `getVisible`: the statuses of `ids` the viewer may see (absent ones are
   * hidden or unknown). Without it core calls `getVisible` once per id; with it a page of
   * statuses costs one call.
   */
  getVisibleMany?(ids: readonly string[], viewerId: string | null): Promise<HostStatus[]>;
  /**
   * Renders Mastodon Status entities (with the host's `pleroma` fields) for the viewer, one batch.
   * Core adds the library's fields (`emoji_reactions`, ...) afterwards; see `StatusRenderer`.
   */
  render(ids: readonly string[], viewerId: string | null): Promise<Map<string, Entity>>;
}
