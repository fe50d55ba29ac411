/** The host's notification pipeline: who gets a notification at all. */
import type { HostData, NotificationRow } from "../host-data.js";
import type { HostContext } from "../host-context.js";
import type { NotificationSettingsFn } from "./renderers.js";

/** A notification to create; id, `seen` and `createdAt` are filled in. */
export type NotificationDraft = Omit<NotificationRow, "id" | "seen" | "createdAt">;

/** Creates a notification unless it is the actor's own, the recipient blocks the actor, or settings refuse it. */
export type NotifyFn = (row: NotificationDraft) => Promise<NotificationRow | null>;

export function createNotify(deps: Pick<HostContext, "data" | "clock" | "ids"> & { notificationSettings: NotificationSettingsFn }): NotifyFn {
  const { data, clock, ids, notificationSettings } = deps;
  return async (row) => {
    if (row.userId === row.actorId) return null;
    const [recipient, blocked] = await Promise.all([
      data.users.byId(row.userId),
      data.relations.among("block", row.userId, [row.actorId]),
    ]);
    if (!recipient || !recipient.isActive || recipient.domain !== null || blocked.size > 0) return null;
    // block_from_strangers (accounts.md 14): nothing from accounts the recipient does not follow.
    if ((await notificationSettings(row.userId)).blockFromStrangers) {
      const followed = await data.relations.among("follow", row.userId, [row.actorId]);
      if (followed.size === 0) return null;
    }
    return data.notifications.create({ ...row, id: ids.next(), seen: false, createdAt: clock.now() });
  };
}

/** A notification draft with no status, emoji or target. */
export function plainNotification(userId: string, type: string, actorId: string, statusId: string | null = null): NotificationDraft {
  return { userId, type, actorId, statusId, emoji: null, emojiUrl: null, targetId: null };
}
