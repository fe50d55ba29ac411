import type { Entity } from "@pleroma-kit/core";
import { formatDate, type HostContext, type StatusRenderFn } from "./host-context.js";
import type { NotificationRow } from "./host-data.js";
import { renderAccounts } from "./render-accounts.js";

/** Notification types that carry a `status`. */
const WITH_STATUS = new Set(["mention", "favourite", "reblog", "update", "poll", "pleroma:emoji_reaction", "status"]);

/**
 * Renders Notification entities (content.md 5.5, accounts.md 11) for their owner, in the order
 * given. Notifications the owner's normal list hides are absent: actors that are deactivated,
 * blocked or muted by the owner, and statuses that are gone or no longer visible.
 */
export async function renderNotifications(
  ctx: HostContext,
  userId: string,
  rows: readonly NotificationRow[],
  renderStatus: StatusRenderFn,
): Promise<Entity[]> {
  if (rows.length === 0) return [];
  const actorIds = [...new Set(rows.flatMap((r) => (r.targetId ? [r.actorId, r.targetId] : [r.actorId])))];
  const statusIds = [...new Set(rows.flatMap((r) => (r.statusId && WITH_STATUS.has(r.type) ? [r.statusId] : [])))];
  const [accounts, blocked, muted, statuses] = await Promise.all([
    renderAccounts(ctx, actorIds, userId),
    ctx.data.relations.among("block", userId, actorIds),
    ctx.data.relations.among("mute", userId, actorIds),
    renderStatus(statusIds, userId),
  ]);
  return rows.flatMap((row) => {
    const account = accounts.get(row.actorId);
    if (!account || blocked.has(row.actorId) || muted.has(row.actorId)) return [];
    const entity: Entity = {
      id: row.id,
      type: row.type,
      created_at: formatDate(row.createdAt),
      account,
      pleroma: { is_seen: row.seen, is_muted: false },
    };
    if (row.statusId && WITH_STATUS.has(row.type)) {
      const status = statuses.get(row.statusId);
      if (!status) return [];
      entity.status = status;
    }
    if (row.type === "pleroma:emoji_reaction") {
      entity.emoji = row.emoji;
      entity.emoji_url = row.emojiUrl;
    }
    if (row.targetId) {
      const target = accounts.get(row.targetId);
      if (!target) return [];
      entity.target = target;
    }
    return [entity];
  });
}
