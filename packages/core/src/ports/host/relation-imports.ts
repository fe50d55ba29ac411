/** Follow/block/mute imports applied by the host. */

/** What an import row asks the host to do. */
export type RelationImportKind = "follow" | "block" | "mute";

/** The outcome of one import row: done, no such account, or refused (self, blocked, failed). */
export type RelationImportOutcome = "ok" | "not_found" | "failed";

/**
 * Applies one row of a follow/block/mute import. `identifier` is as the user wrote it (without
 * leading `@`): a local `nick`, `nick@host` or an actor URI; the host resolves it (WebFinger for
 * remote accounts). Follow of a locked account is a follow request; block severs follows both
 * ways; mute is indefinite and mutes notifications (accounts.md 4). Must be idempotent.
 *
 * @example
 * const outcome = await host.relationImports.apply("follow", userId, "alice@remote.example");
 */
export interface HostRelationImports {
  apply(kind: RelationImportKind, userId: string, identifier: string): Promise<RelationImportOutcome>;
}
