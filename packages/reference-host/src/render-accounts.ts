import type { Entity } from "@pleroma-kit/core";
import { formatDate, type HostContext } from "./host-context.js";
import type { UserRow } from "./host-data.js";
import { escapeHtml } from "./status-text.js";

/** The account's `acct`: `nick` for local accounts, `nick@domain` for remote ones. */
export function acctOf(user: UserRow): string {
  if (user.domain === null || user.nickname.includes("@")) return user.nickname;
  return `${user.nickname}@${user.domain}`;
}

/** The account's public profile URL (also its ActivityPub id in the reference host). */
export function accountUrl(ctx: HostContext, user: UserRow): string {
  if (user.domain !== null) return `https://${user.domain}/users/${user.nickname.split("@")[0]}`;
  return `${ctx.baseUrl}/users/${user.nickname}`;
}

/**
 * Renders Mastodon Account entities (content.md 5.2) for `viewerId`, one batch: counts, the
 * `pleroma` object megalodon and the front ends read, `emojis: []`, and `source` plus the
 * self-only `pleroma` fields when the viewer is the account. Deactivated and unknown ids are absent.
 */
export async function renderAccounts(ctx: HostContext, ids: readonly string[], viewerId: string | null): Promise<Map<string, Entity>> {
  const { data } = ctx;
  const users = (await data.users.byIds([...new Set(ids)])).filter((u) => u.isActive);
  const userIds = users.map((u) => u.id);
  if (userIds.length === 0) return new Map();
  const [stats, self] = await Promise.all([
    data.users.stats(userIds),
    viewerId !== null && userIds.includes(viewerId) ? selfFacts(ctx, viewerId) : Promise.resolve(null),
  ]);
  const out = new Map<string, Entity>();
  for (const user of users) {
    const url = accountUrl(ctx, user);
    const isSelf = user.id === viewerId;
    const counts = stats.get(user.id);
    const last = counts?.lastStatusAt ?? null;
    const note = escapeHtml(user.note).replace(/\r?\n/g, "<br/>");
    const avatar = user.avatarUrl ?? `${ctx.baseUrl}/images/avi.png`;
    const header = user.headerUrl ?? `${ctx.baseUrl}/images/banner.png`;
    const entity: Entity = {
      id: user.id,
      username: user.nickname.split("@")[0]!,
      acct: acctOf(user),
      fqn: user.domain === null ? `${user.nickname}@${ctx.localHost}` : acctOf(user),
      display_name: user.displayName || user.nickname.split("@")[0]!,
      locked: user.isLocked,
      bot: false,
      discoverable: false,
      group: false,
      created_at: formatDate(user.createdAt),
      followers_count: counts?.followers ?? 0,
      following_count: counts?.following ?? 0,
      statuses_count: counts?.statuses ?? 0,
      last_status_at: last ? last.toISOString().slice(0, 10) : null,
      note,
      url,
      uri: url,
      avatar,
      avatar_static: avatar,
      header,
      header_static: header,
      emojis: [],
      fields: [],
      akkoma: { instance: null, status_ttl_days: null, permit_followback: false },
      pleroma: {
        ap_id: url,
        also_known_as: [],
        is_confirmed: user.isConfirmed,
        is_suggested: false,
        tags: [],
        hide_followers_count: false,
        hide_follows_count: false,
        hide_followers: false,
        hide_follows: false,
        hide_favorites: user.hideFavorites,
        relationship: {},
        skip_thread_containment: false,
        background_image: null,
        favicon: null,
        is_admin: user.isAdmin,
        is_moderator: user.isModerator,
        ...(isSelf && self
          ? {
              allow_following_move: user.allowFollowingMove,
              unread_conversation_count: 0,
              unread_notifications_count: self.unreadNotifications,
              email: user.email,
              follow_requests_count: self.followRequests,
              accepts_direct_messages_from: "everybody",
              notification_settings: { block_from_strangers: false, hide_notification_contents: false },
            }
          : {}),
      },
      ...(isSelf
        ? {
            source: {
              note: user.note,
              sensitive: false,
              fields: [],
              privacy: "public",
              pleroma: { discoverable: false, actor_type: "Person", show_role: true, no_rich_text: false },
            },
          }
        : {}),
    };
    out.set(user.id, entity);
  }
  return out;
}

async function selfFacts(ctx: HostContext, userId: string): Promise<{ unreadNotifications: number; followRequests: number }> {
  const [recent, requests] = await Promise.all([
    ctx.data.notifications.list(userId, { limit: 1000 }),
    ctx.data.relations.countTowards("follow_request", [userId]),
  ]);
  return { unreadNotifications: recent.filter((n) => !n.seen).length, followRequests: requests.get(userId) ?? 0 };
}
