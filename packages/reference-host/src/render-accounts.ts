import type { Entity } from "@pleroma-kit/core";
import { formatDate, type HostContext } from "./host-context.js";
import type { PleromaProfile, UserRow } from "./host-data.js";
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
    const p: PleromaProfile = user.profile ?? {};
    const fields = (p.fields ?? []).map((f) => ({ name: escapeHtml(f.name), value: escapeHtml(f.value), verified_at: null }));
    // Hidden counts read 0 to anyone but the owner, as Akkoma renders them.
    const hideCount = (hidden: boolean | undefined) => hidden === true && !isSelf;
    const entity: Entity = {
      id: user.id,
      username: user.nickname.split("@")[0]!,
      acct: acctOf(user),
      fqn: user.domain === null ? `${user.nickname}@${ctx.localHost}` : acctOf(user),
      display_name: user.displayName || user.nickname.split("@")[0]!,
      locked: user.isLocked,
      bot: p.bot ?? false,
      discoverable: p.discoverable ?? false,
      group: false,
      created_at: formatDate(user.createdAt),
      followers_count: hideCount(p.hideFollowersCount) ? 0 : (counts?.followers ?? 0),
      following_count: hideCount(p.hideFollowsCount) ? 0 : (counts?.following ?? 0),
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
      fields,
      akkoma: { instance: null, status_ttl_days: null, permit_followback: false },
      pleroma: {
        ap_id: url,
        also_known_as: isSelf && self ? self.alsoKnownAs : [],
        is_confirmed: user.isConfirmed,
        is_suggested: false,
        tags: [],
        hide_followers_count: p.hideFollowersCount ?? false,
        hide_follows_count: p.hideFollowsCount ?? false,
        hide_followers: p.hideFollowers ?? false,
        hide_follows: p.hideFollows ?? false,
        hide_favorites: user.hideFavorites,
        relationship: {},
        skip_thread_containment: p.skipThreadContainment ?? false,
        background_image: null,
        favicon: null,
        is_admin: user.isAdmin,
        is_moderator: user.isModerator,
        ...(isSelf && self
          ? {
              allow_following_move: user.allowFollowingMove,
              unread_conversation_count: self.unreadConversations,
              unread_notifications_count: self.unreadNotifications,
              email: user.email,
              follow_requests_count: self.followRequests,
              accepts_direct_messages_from: p.acceptsDirectMessagesFrom ?? "everybody",
              notification_settings: self.notificationSettings,
              settings_store: p.settingsStore ?? {},
            }
          : {}),
      },
      ...(isSelf
        ? {
            source: {
              note: user.note,
              sensitive: false,
              fields: (p.fields ?? []).map((f) => ({ name: f.name, value: f.value })),
              privacy: "public",
              pleroma: { discoverable: p.discoverable ?? false, actor_type: p.bot ? "Service" : "Person", show_role: true, no_rich_text: false },
            },
          }
        : {}),
    };
    out.set(user.id, entity);
  }
  return out;
}

interface SelfFacts {
  readonly unreadNotifications: number;
  readonly followRequests: number;
  readonly unreadConversations: number;
  readonly alsoKnownAs: string[];
  readonly notificationSettings: { block_from_strangers: boolean; hide_notification_contents: boolean };
}

/** What only the account's owner sees, with the library's parts read through `ctx.readers`. */
async function selfFacts(ctx: HostContext, userId: string): Promise<SelfFacts> {
  const [recent, requests, settings, extras] = await Promise.all([
    ctx.data.notifications.list(userId, { limit: 1000 }),
    ctx.data.relations.countTowards("follow_request", [userId]),
    ctx.readers?.notificationSettings(userId) ?? { blockFromStrangers: false, hideNotificationContents: false },
    ctx.readers?.accountExtras(userId) ?? { aliasIds: [], unreadConversations: 0 },
  ]);
  const aliases = extras.aliasIds.length > 0 ? await ctx.data.users.byIds(extras.aliasIds) : [];
  return {
    unreadNotifications: recent.filter((n) => !n.seen).length,
    followRequests: requests.get(userId) ?? 0,
    unreadConversations: extras.unreadConversations,
    alsoKnownAs: aliases.map((u) => accountUrl(ctx, u)),
    notificationSettings: {
      block_from_strangers: settings.blockFromStrangers,
      hide_notification_contents: settings.hideNotificationContents ?? false,
    },
  };
}
