/**
 * Notifications are the host's (it owns the notification list and its rendering); the library
 * asks for new ones and marks them read.
 */
import type { Entity } from "./entity.js";

/** A notification the library asks the host to create. */
export interface NotificationRequest {
  readonly type: "pleroma:emoji_reaction" | "mention" | "move" | "follow";
  readonly recipientId: string;
  readonly actorId: string;
  readonly statusId?: string;
  readonly emoji?: string;
  readonly emojiUrl?: string | null;
}

/**
 * Creates and marks notifications (`create` is required; without the two `mark*` methods the
 * read endpoint answers "Not implemented"). The host applies its own rules on create: it skips a
 * notification when the recipient blocks the actor (and self-notifications), so a call may
 * create nothing.
 *
 * @example
 * await host.notifications.create({ type: "pleroma:emoji_reaction", recipientId, actorId, statusId, emoji: "👍" });
 */
export interface HostNotifications {
  create(request: NotificationRequest): Promise<void>;
  /**
   * Marks one notification of `userId` as seen; returns its entity, or null when it is not the
   * user's (or does not exist).
   */
  markOneRead?(userId: string, id: string): Promise<Entity | null>;
  /**
   * Marks every unread notification of `userId` with id <= maxId as seen; returns the entities this
   * call changed that the user's normal list shows, at most `limit`.
   */
  markReadUpTo?(userId: string, maxId: string, limit: number): Promise<Entity[]>;
}
