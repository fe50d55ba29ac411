/**
 * Emoji reactions (content.md 1). Implementations: store-memory's `memory-reactions.ts`,
 * store-sql's `sql-reactions.ts`; contract: testkit's `contract/reactions.ts`.
 */

/** One reaction of one user. `url` is null for unicode emoji, the image URL for custom ones. */
export interface ReactionRow {
  readonly statusId: string;
  readonly userId: string;
  /** Unicode emoji, or a custom shortcode without colons. */
  readonly name: string;
  readonly url: string | null;
  readonly createdAt: Date;
}

/** All reactions with one emoji on one status. */
export interface ReactionGroup {
  readonly name: string;
  readonly url: string | null;
  /** Reacting users, most recent first. */
  readonly userIds: readonly string[];
}

/**
 * The reactions on statuses, one row per (status, user, emoji). A custom emoji is keyed by its
 * `url`, so two packs' `:blob:` stay apart; a unicode emoji by its `name`.
 *
 * @example
 * await store.reactions.add({ statusId, userId, name: "👍", url: null, createdAt: clock.now() });
 * const groups = await store.reactions.groupsFor([statusId]); // Map { statusId => [{ name: "👍", ... }] }
 */
export interface ReactionStore {
  /**
   * Adds the reaction. Entries are keyed by `url` when set, else by `name`.
   * Concurrency: idempotent per (status, user, key); of parallel adds of the same key by one user
   * exactly one returns true; adds by different users never lose each other.
   */
  add(row: ReactionRow): Promise<boolean>;
  /** Removes the user's reaction with that key; true when a row was removed (exactly one winner). */
  remove(statusId: string, userId: string, key: { name: string; url: string | null }): Promise<boolean>;
  /**
   * Groups per status for a batch of statuses, in one query: groups ordered by the emoji's first
   * use (oldest first), users most recent first. Statuses without reactions are absent.
   */
  groupsFor(statusIds: readonly string[]): Promise<Map<string, ReactionGroup[]>>;
}
