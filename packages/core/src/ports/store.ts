/**
 * The library's own state. Stores (memory, SQL) implement these ports; every method states its
 * concurrency promise, and the testkit's contract suite checks it with parallel calls.
 * Stores return null for "not found" and throw only on infrastructure failure.
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

/** Store health, for the healthcheck endpoint. */
export interface StoreHealth {
  /** Probes the store (e.g. `SELECT 1`); throws or returns false when unhealthy. */
  ping(): Promise<boolean>;
  /** Connection pool figures when the store has a pool. */
  pool?(): Promise<{ size: number; active: number; idle: number }>;
}

/** What a store can do; the contract suite skips what a store declares it lacks. */
export interface StoreCapabilities {
  /** Writes by several processes on one database stay consistent (SQL: yes; memory: one process). */
  readonly sharedAcrossProcesses: boolean;
}

/** The library-owned state ports, as one object. Domains add their port here. */
export interface PleromaStore {
  readonly capabilities: StoreCapabilities;
  readonly reactions: ReactionStore;
  readonly health: StoreHealth;
}
