/**
 * A user's own data for account backups (content.md 4.5).
 */
import type { Entity } from "./entity.js";

/** Paging hints for {@link HostBackupSource}: pages stay small so memory does not grow with the data. */
export interface BackupPageOptions {
  /** Preferred items per page; a source may yield fewer. */
  readonly pageSize: number;
  /** Aborted when the backup job stops; stop reading. */
  readonly signal?: AbortSignal;
}

/**
 * A user's own data for an account backup (content.md 4.5), read in bounded pages so an archive
 * of 100k statuses is written without holding them all. Every iterable yields pages in
 * ascending order (oldest first) and may be iterated once.
 *
 * @example
 * for await (const page of host.backupSource.likes(userId, { pageSize: 500 })) archive.write(page);
 */
export interface HostBackupSource {
  /**
   * The user's ActivityPub actor document (a `Person` with `@context`, `id`, `inbox`, `outbox`,
   * `preferredUsername`, `publicKey`...), or null when the user is unknown.
   */
  actor(userId: string): Promise<Entity | null>;
  /**
   * The user's own `Create` (any visibility) and `Announce` activities in federated AS2 form with
   * the object embedded and no per-item `@context`, ascending by activity id.
   */
  outbox(userId: string, options: BackupPageOptions): AsyncIterable<readonly Entity[]>;
  /** ActivityPub ids of the objects the user liked, ascending by like. */
  likes(userId: string, options: BackupPageOptions): AsyncIterable<readonly string[]>;
  /** ActivityPub ids of the objects the user bookmarked, ascending by bookmark. */
  bookmarks(userId: string, options: BackupPageOptions): AsyncIterable<readonly string[]>;
  /**
   * Accounts the user follows, blocks or mutes, each as `nick@domain` (what Pleroma's
   * follow/blocks/mutes imports and Mastodon's CSV import accept), so the lists re-import elsewhere.
   */
  relations(
    userId: string,
    kind: "following" | "blocks" | "mutes",
    options: BackupPageOptions,
  ): AsyncIterable<readonly string[]>;
}
