import { errAsync, okAsync } from "neverthrow";
import { appError } from "../../errors/index.js";
import type { Entity, HostPorts, HostSubscriptions } from "../../ports/host.js";
import { fromPort, type Outcome } from "../../result.js";
import type { CreatedStatus } from "../timelines/status-events-service.js";

/**
 * Pleroma subscriptions (accounts.md 10): subscribe/unsubscribe answer the Relationship (with
 * `subscribing` and `notifying`), and every new top-level post notifies the author's subscribers
 * who may see it, as a `mention` notification (Akkoma's type).
 */
export class SubscriptionsService {
  constructor(private readonly host: HostPorts) {}

  subscribe(viewerId: string, targetId: string): Outcome<Entity> {
    return this.withPort().andThen((port) =>
      this.target(targetId).andThen((target) => {
        if (target.id === viewerId) return errAsync(appError("SUBSCRIBE_SELF"));
        return fromPort(() => this.host.relationships.hiddenFor(target.id, [viewerId], { includeMuted: true })).andThen((blocking) =>
          blocking.has(viewerId)
            ? errAsync(appError("SUBSCRIBE_BLOCKED", { message: `Could not subscribe: ${target.nickname} is blocking you` }))
            : fromPort(async () => {
                await port.subscribe(viewerId, target.id);
                return port.relationship(viewerId, target.id);
              }),
        );
      }),
    );
  }

  unsubscribe(viewerId: string, targetId: string): Outcome<Entity> {
    return this.withPort().andThen((port) =>
      this.target(targetId).andThen((target) =>
        fromPort(async () => {
          await port.unsubscribe(viewerId, target.id);
          return port.relationship(viewerId, target.id);
        }),
      ),
    );
  }

  /**
   * Notifies the author's subscribers of a new top-level post (replies excluded) they may see.
   * Accounts the status already addresses are skipped: the host notifies them as mentions.
   * Subscribers who block or mute the author get nothing.
   */
  onStatusCreated(status: CreatedStatus): Outcome<void> {
    const port = this.host.subscriptions;
    if (!port || status.inReplyToId !== null) return okAsync(undefined);
    return fromPort(async () => {
      const addressed = new Set(status.recipientIds);
      const subscribers = (await port.subscribersOf(status.authorId)).filter((id) => id !== status.authorId && !addressed.has(id));
      await Promise.all(
        subscribers.map(async (subscriberId) => {
          const [visible, hidden] = await Promise.all([
            this.host.statuses.getVisible(status.id, subscriberId),
            this.host.relationships.hiddenFor(subscriberId, [status.authorId], { includeMuted: false }),
          ]);
          if (!visible || hidden.has(status.authorId)) return;
          await this.host.notifications.create({ type: "mention", recipientId: subscriberId, actorId: status.authorId, statusId: status.id });
        }),
      );
    });
  }

  private withPort(): Outcome<HostSubscriptions> {
    const port = this.host.subscriptions;
    return port ? okAsync(port) : errAsync(appError("HOST_FEATURE_MISSING"));
  }

  private target(id: string) {
    return fromPort(() => this.host.accounts.get(id)).andThen((a) => (a && a.isActive ? okAsync(a) : errAsync(appError("NOT_FOUND"))));
  }
}
