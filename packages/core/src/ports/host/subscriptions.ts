/** Subscriptions, kept in the host's relationship table. */
import type { Entity } from "./entity.js";

/**
 * Subscriptions ("notify me of every post by X") live in the host's relationship table, because
 * Mastodon's `follow` with `notify` sets the same flag. Core adds the Pleroma endpoints and the
 * notification fan-out on new posts. Subscribe and unsubscribe are idempotent, so parallel calls
 * leave one subscription or none.
 */
export interface HostSubscriptions {
  /** Idempotent. */
  subscribe(readerId: string, targetId: string): Promise<void>;
  /** Idempotent: succeeds when there was nothing to remove. */
  unsubscribe(readerId: string, targetId: string): Promise<void>;
  /** Everyone subscribed to `authorId`'s posts. */
  subscribersOf(authorId: string): Promise<string[]>;
  /** True when `followerId` follows `targetId` (accepted follow). Decides private scrobble visibility. */
  follows(followerId: string, targetId: string): Promise<boolean>;
  /** The Mastodon Relationship entity of `viewerId` towards `targetId` (with `subscribing` and `notifying`). */
  relationship(viewerId: string, targetId: string): Promise<Entity>;
}
