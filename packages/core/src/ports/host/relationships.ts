/** Blocks and mutes, as the library filters by them. */

/**
 * Who a viewer must not be shown. Read-only and safe to call concurrently; one batch per call.
 *
 * @example
 * const hidden = await host.relationships.hiddenFor(viewerId, authorIds, { includeMuted: true });
 */
export interface HostRelationships {
  /**
   * Of `accountIds`, those the viewer must not be shown: accounts the viewer blocks, mutes (unless
   * `includeMuted`), or whose domain the viewer blocks. One batch.
   */
  hiddenFor(
    viewerId: string,
    accountIds: readonly string[],
    options: { includeMuted: boolean },
  ): Promise<Set<string>>;
}
