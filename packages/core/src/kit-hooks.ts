/**
 * Promise-shaped hooks for code the host already has: decorating its own Status JSON, and what its
 * inbox receives by federation. They reject with the AppError (or the storage failure's cause).
 */
import type { Entity } from "./ports/host.js";
import type { Outcome } from "./result.js";
import type { Services } from "./services/index.js";
import type { CreatedStatus } from "./services/timelines/status-events-service.js";

/** An emoji as an inbound activity carries it: unicode, or a custom shortcode with its image URL (`tag`). */
export interface InboundEmoji {
  readonly name: string;
  readonly url: string | null;
}

/**
 * What the host's inbox hands the kit, so it never reaches into the kit's state by hand.
 *
 * @example
 * // In the host's inbox, for an accepted activity from a known remote actor:
 * if (activity.type === "EmojiReact") await kit.inbound.emojiReact(actor.id, status.id, emojiOf(activity));
 * if (activity.type === "Undo" && activity.object.type === "EmojiReact") await kit.inbound.undoEmojiReact(actor.id, status.id, emojiOf(activity.object));
 * if (activity.type === "Create") await kit.inbound.statusCreated({ id, authorId: actor.id, visibility, context, inReplyToId, recipientIds, createdAt });
 */
export interface InboundHooks {
  /** Stores a remote reaction and notifies the author; publishes nothing. False when it was already stored. */
  emojiReact(actorId: string, statusId: string, emoji: InboundEmoji): Promise<boolean>;
  /** Removes a remote reaction; false when there was none. */
  undoEmojiReact(actorId: string, statusId: string, emoji: InboundEmoji): Promise<boolean>;
  /**
   * A status that arrived (a remote direct message joins, or starts, the recipients' conversation;
   * subscribers are notified). The same step as `services.statusEvents.onStatusCreated` for local posts.
   */
  statusCreated(status: CreatedStatus): Promise<void>;
}

export function inboundHooks(services: Services): InboundHooks {
  return {
    emojiReact: (actorId, statusId, emoji) => settle(services.reactions.receiveReact(actorId, statusId, emoji)),
    undoEmojiReact: (actorId, statusId, emoji) => settle(services.reactions.receiveUndo(actorId, statusId, emoji)),
    statusCreated: (status) => settle(services.statusEvents.onStatusCreated(status)),
  };
}

export function statusDecorator(services: Services) {
  return (viewerId: string | null, statuses: readonly Entity[]): Promise<Entity[]> => settle(services.statuses.decorate(statuses, viewerId));
}

async function settle<T>(outcome: Outcome<T>): Promise<T> {
  const result = await outcome;
  if (result.isErr()) throw result.error.code === "INTERNAL" && result.error.cause ? result.error.cause : result.error;
  return result.value;
}
