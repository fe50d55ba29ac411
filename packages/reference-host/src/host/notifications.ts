/**
 * Notifications: core's `notifications` port (create, mark read) and the host's own list. Both
 * render embedded statuses with the `renderStatuses` reader, so they match core's Status entities.
 */
import type { Entity, HostNotifications } from "@pleroma-kit/core";
import type { HostContext, StatusRenderFn } from "../host-context.js";
import type { NotificationRow, PageQuery } from "../host-data.js";
import { renderNotifications } from "../render-notifications.js";
import type { MarkerStore } from "./markers.js";
import type { NotifyFn } from "./notify.js";
import { fillPage } from "./paging.js";

/** Which notification types a list shows. */
export interface NotificationFilter {
  readonly types?: readonly string[];
  readonly excludeTypes?: readonly string[];
}

/** The host's `notifications`. */
export interface HostNotificationList {
  /** The user's notifications as entities, newest first; hidden ones are skipped, pages stay full. */
  list(userId: string, page: PageQuery, filter?: NotificationFilter): Promise<{ entities: Entity[]; rows: NotificationRow[] }>;
}

type Deps = { ctx: HostContext; renderStatuses: StatusRenderFn };

export function createNotificationList(deps: Deps): HostNotificationList {
  const { ctx, renderStatuses } = deps;
  return {
    async list(userId, page, filter = {}) {
      const rendered = new Map<string, Entity>();
      const rows = await fillPage(page, (p) => ctx.data.notifications.list(userId, p), async (batch) => {
        const wanted = batch.filter((r) => (!filter.types || filter.types.includes(r.type)) && !filter.excludeTypes?.includes(r.type));
        for (const e of await renderNotifications(ctx, userId, wanted, renderStatuses)) rendered.set(e.id as string, e);
        return wanted.filter((r) => rendered.has(r.id));
      });
      return { entities: rows.map((r) => rendered.get(r.id)!), rows };
    },
  };
}

/** Core's `notifications` port; reading notifications advances the `notifications` marker. */
export function createNotificationPort(deps: Deps & { notify: NotifyFn; markers: Pick<MarkerStore, "advance"> }): HostNotifications {
  const { ctx, renderStatuses, notify, markers } = deps;
  return {
    async create(request) {
      await notify({
        userId: request.recipientId,
        type: request.type,
        actorId: request.actorId,
        statusId: request.statusId ?? null,
        emoji: request.emoji ?? null,
        emojiUrl: request.emojiUrl ?? null,
        targetId: null,
      });
    },
    async markOneRead(userId, id) {
      const row = await ctx.data.notifications.markSeen(userId, id);
      if (!row) return null;
      markers.advance(userId, "notifications", row.id);
      const [entity] = await renderNotifications(ctx, userId, [row], renderStatuses);
      // Akkoma answers the entity even when the list would hide it.
      return entity ?? { id: row.id, type: row.type, created_at: row.createdAt.toISOString(), pleroma: { is_seen: true, is_muted: false } };
    },
    async markReadUpTo(userId, maxId, limit) {
      const changed = await ctx.data.notifications.markSeenUpTo(userId, maxId);
      const highest = changed.reduce<string | null>((max, r) => (max === null || r.id > max ? r.id : max), null);
      if (highest !== null) markers.advance(userId, "notifications", highest);
      return (await renderNotifications(ctx, userId, changed, renderStatuses)).slice(0, limit);
    },
  };
}
