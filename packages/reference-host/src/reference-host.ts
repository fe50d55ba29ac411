import { createBackupSource } from "./backup-source.js";
import { newUser } from "./new-user.js";
import { conversationHostPorts } from "./conversations.js";
import { createAccountSecurity } from "./account-security.js";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import {
  flakeIds,
  hashPassword,
  passwordNeedsRehash,
  systemClock,
  verifyPassword,
  type Activity,
  type Clock,
  type Entity,
  type HostPorts,
  type IdGenerator,
  type Principal,
  type ScryptParams,
  type Visibility,
} from "@pleroma-kit/core";
import { type HostContext, type StatusRenderFn } from "./host-context.js";
import type { AppRow, HostData, NotificationRow, PageQuery, StatusRow, TokenRow, UserRow } from "./host-data.js";
import { accountUrl, renderAccounts } from "./render-accounts.js";
import { renderNotifications } from "./render-notifications.js";
import { renderRelationships } from "./render-relationships.js";
import { renderStatuses } from "./render-statuses.js";
import { mentionedHandles } from "./status-text.js";
import { visibilityFacts, canSee, visibleRows } from "./visibility.js";

/** Options of {@link createReferenceHost}. */
export interface ReferenceHostOptions {
  /** The instance's public base URL, e.g. `https://social.example`. */
  readonly baseUrl: string;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** scrypt cost for new password hashes; tests pass a cheap one. Default: core's. */
  readonly passwordParams?: ScryptParams;
}

/** What `users.register` takes. */
export interface Registration {
  readonly nickname: string;
  readonly email?: string | null;
  readonly password: string;
  readonly isAdmin?: boolean;
  readonly isModerator?: boolean;
  readonly displayName?: string;
  readonly isLocked?: boolean;
}

/** What `statuses.post` takes. `content` is the plain text the author typed. */
export interface NewPost {
  readonly authorId: string;
  readonly content: string;
  readonly visibility: Visibility;
  readonly inReplyToId?: string | null;
  /** Extra addressees; `@nick` mentions in `content` are added. */
  readonly mentionIds?: readonly string[];
  /** When set, only these are addressed: text mentions are not resolved (conversation replies). */
  readonly addressOnly?: readonly string[];
  /** Joins an existing thread (e.g. a conversation's) when there is no parent. */
  readonly contextId?: string;
  readonly spoilerText?: string;
  readonly sensitive?: boolean;
}

/** A timeline Mastodon markers track. */
export type MarkerTimeline = "home" | "notifications";

/** One stored marker. */
export interface Marker {
  readonly lastReadId: string;
  readonly version: number;
  readonly updatedAt: Date;
}

/** The audience marker for "everyone" in published activities. */
export const PUBLIC_AUDIENCE = "https://www.w3.org/ns/activitystreams#Public";

/** The reference host: core's {@link HostPorts} plus the operations its Mastodon routes and tests use. */
export type ReferenceHost = ReturnType<typeof createReferenceHost>;

/** Reads a user's notification settings (the part the host's notification pipeline honours). */
export type NotificationSettingsFn = (userId: string) => Promise<{ readonly blockFromStrangers: boolean }>;

/**
 * A small Mastodon-like host over a {@link HostData} port: users with scrypt (or migrated Pleroma)
 * passwords, OAuth apps and tokens (stored only as SHA-256 hashes), statuses with Mastodon's
 * visibility rules, follows, blocks, mutes, favourites and notifications. It implements every
 * member of core's `HostPorts`, and records published activities in `published` instead of
 * delivering them. The demo server and end-to-end tests run on it; a real server is the model.
 *
 * @example
 * const host = createReferenceHost(createMemoryHostData(), { baseUrl: "https://social.example" });
 * const alice = await host.users.register({ nickname: "alice", password: "secret" });
 * const token = await host.tokens.issue(alice.id, (await host.apps.create({ name: "cli", scopes: ["read", "write"] })).id, ["read", "write"]);
 * const kit = createPleromaKit({ baseUrl, store, host: host.ports, extraRoutes: (s) => mastodonRoutes(host, s) });
 */
export function createReferenceHost(data: HostData, options: ReferenceHostOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? flakeIds(clock);
  const ctx: HostContext = { data, baseUrl, localHost: new URL(baseUrl).host, clock, ids };
  const published: Activity[] = [];
  const markers = new Map<string, Marker>();
  let statusRenderer: StatusRenderFn = (statusIds, viewerId) => renderStatuses(ctx, statusIds, viewerId);
  // The library keeps notification settings; mastodonRoutes points this at them.
  let notificationSettings: NotificationSettingsFn = async () => ({ blockFromStrangers: false });
  // A stored hash to check against when a login names no user, so a miss costs as much as a hit.
  let decoyHash: Promise<string> | null = null;

  const markerKey = (userId: string, timeline: MarkerTimeline) => `${userId}\u0000${timeline}`;
  const advanceMarker = (userId: string, timeline: MarkerTimeline, lastReadId: string) => {
    const old = markers.get(markerKey(userId, timeline));
    if (old && old.lastReadId >= lastReadId) return;
    markers.set(markerKey(userId, timeline), { lastReadId, version: (old?.version ?? 0) + 1, updatedAt: clock.now() });
  };

  async function principalFor(bearer: string, via: "token" | "cookie"): Promise<Principal | null> {
    const token = await data.tokens.byHash(tokenHash(bearer));
    if (!token) return null;
    if (token.expiresAt && token.expiresAt.getTime() <= clock.now().getTime()) return null;
    if (token.userId === null) return { user: null, scopes: token.scopes, via, tokenId: token.id };
    const user = await data.users.byId(token.userId);
    if (!user || !user.isActive) return null;
    return { user: authUser(user), scopes: token.scopes, via, tokenId: token.id };
  }

  /** Finds the user by nickname or email and checks the password; upgrades old hashes. */
  async function verifyLogin(login: string, password: string): Promise<UserRow | null> {
    const user = (await data.users.byNickname(login)) ?? (login.includes("@") ? await data.users.byEmail(login) : null);
    if (!user) {
      decoyHash ??= hashPassword(randomBytes(16).toString("hex"), options.passwordParams);
      await verifyPassword(password, await decoyHash);
      return null;
    }
    if (!(await verifyPassword(password, user.passwordHash))) return null;
    if (!user.isActive) return null;
    if (passwordNeedsRehash(user.passwordHash, options.passwordParams)) {
      await data.users.update(user.id, { passwordHash: await hashPassword(password, options.passwordParams) });
    }
    return user;
  }

  async function notify(row: Omit<NotificationRow, "id" | "seen" | "createdAt">): Promise<NotificationRow | null> {
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
  }

  async function publish(activity: Activity): Promise<void> {
    published.push(activity);
  }

  const activityId = () => `${baseUrl}/activities/${ids.next()}`;

  const ports: HostPorts = {
    auth: {
      authenticateToken: (token) => principalFor(token, "token"),
      authenticateSession: (cookie) => principalFor(cookie, "cookie"),
      async authenticateBasic(login, password) {
        const user = await verifyLogin(login, password);
        return user ? { user: authUser(user), scopes: "all", via: "basic" } : null;
      },
    },
    accounts: {
      async get(id) {
        const user = await data.users.byId(id);
        return user ? hostAccount(user) : null;
      },
      async activeAmong(accountIds) {
        return new Set((await data.users.byIds(accountIds)).filter((u) => u.isActive).map((u) => u.id));
      },
      async findByNickname(nickname) {
        const user = await data.users.byNickname(nickname.replace(/^@/, ""));
        return user ? hostAccount(user) : null;
      },
      render: (accountIds, viewerId) => renderAccounts(ctx, accountIds, viewerId),
    },
    statuses: {
      async getVisible(id, viewerId) {
        const row = await data.statuses.byId(id);
        if (!row) return null;
        const facts = await visibilityFacts(data, [row], viewerId);
        if (!canSee(row, facts)) return null;
        return { id: row.id, authorId: row.authorId, visibility: row.visibility, addressedTo: row.mentionIds, createdAt: row.createdAt };
      },
      render: (statusIds, viewerId) => renderStatuses(ctx, statusIds, viewerId),
    },
    relationships: {
      async hiddenFor(viewerId, accountIds, { includeMuted }) {
        const [blocked, muted] = await Promise.all([
          data.relations.among("block", viewerId, accountIds),
          includeMuted ? Promise.resolve(new Set<string>()) : data.relations.among("mute", viewerId, accountIds),
        ]);
        return new Set([...blocked, ...muted]);
      },
    },
    notifications: {
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
        const row = await data.notifications.markSeen(userId, id);
        if (!row) return null;
        advanceMarker(userId, "notifications", row.id);
        const [entity] = await renderNotifications(ctx, userId, [row], statusRenderer);
        // Akkoma answers the entity even when the list would hide it.
        return entity ?? { id: row.id, type: row.type, created_at: row.createdAt.toISOString(), pleroma: { is_seen: true, is_muted: false } };
      },
      async markReadUpTo(userId, maxId, limit) {
        const changed = await data.notifications.markSeenUpTo(userId, maxId);
        const highest = changed.reduce<string | null>((max, r) => (max === null || r.id > max ? r.id : max), null);
        if (highest !== null) advanceMarker(userId, "notifications", highest);
        return (await renderNotifications(ctx, userId, changed, statusRenderer)).slice(0, limit);
      },
    },
    federation: { publish },
    backupSource: createBackupSource({ data, baseUrl }),
  };

  const host = {
    /** Core's host ports. */
    ports,
    /** The data port the host runs on. */
    data,
    /** The resolved base URL, clock and ids. */
    context: ctx,
    /** Every activity published, oldest first: the reference host does not deliver. */
    published,

    /**
     * Makes notifications (and anything else the host renders with statuses) use core's status
     * renderer, so embedded statuses carry `emoji_reactions`. `mastodonRoutes` calls it.
     */
    useStatusRenderer(render: StatusRenderFn): void {
      statusRenderer = render;
    },

    /** Where notification settings come from (the library's, through `mastodonRoutes`). */
    useNotificationSettings(read: NotificationSettingsFn): void {
      notificationSettings = read;
    },

    users: {
      /** Creates a local account. Throws `UniqueViolation` when the nickname or email is taken. */
      async register(input: Registration): Promise<UserRow> {
        return data.users.create(
          newUser({
            id: ids.next(),
            nickname: input.nickname,
            email: input.email ?? null,
            passwordHash: await hashPassword(input.password, options.passwordParams),
            displayName: input.displayName ?? input.nickname,
            isAdmin: input.isAdmin ?? false,
            isModerator: input.isModerator ?? false,
            isLocked: input.isLocked ?? false,
            createdAt: clock.now(),
          }),
        );
      },
      /** The admin account `nickname`, created if missing; its password and admin flag are set either way. */
      async ensureAdmin(nickname: string, password: string): Promise<UserRow> {
        const existing = await data.users.byNickname(nickname);
        if (!existing) return this.register({ nickname, password, isAdmin: true });
        const updated = await data.users.update(existing.id, {
          isAdmin: true,
          isActive: true,
          passwordHash: await hashPassword(password, options.passwordParams),
        });
        return updated ?? existing;
      },
      verifyLogin,
      byId: (id: string) => data.users.byId(id),
      /** An account by id, or by nickname as Pleroma also accepts. */
      async find(idOrNickname: string): Promise<UserRow | null> {
        return (await data.users.byId(idOrNickname)) ?? (await data.users.byNickname(idOrNickname));
      },
      update: (id: string, patch: Parameters<HostData["users"]["update"]>[1]) => data.users.update(id, patch),
      /** Deactivates an account and revokes its tokens. */
      async deactivate(id: string): Promise<void> {
        await data.users.update(id, { isActive: false });
        await data.tokens.revokeForUser(id);
      },
    },

    apps: {
      /** Registers an OAuth app with random client id and secret. */
      async create(input: { name: string; website?: string | null; redirectUris?: string; scopes: readonly string[] }): Promise<AppRow> {
        return data.apps.create({
          id: ids.next(),
          clientId: randomToken(),
          clientSecret: randomToken(),
          name: input.name,
          website: input.website ?? null,
          redirectUris: input.redirectUris ?? "urn:ietf:wg:oauth:2.0:oob",
          scopes: [...input.scopes],
          createdAt: clock.now(),
        });
      },
      /** The app when `clientSecret` matches (constant-time), else null. */
      async verify(clientId: string, clientSecret: string): Promise<AppRow | null> {
        const app = await data.apps.byClientId(clientId);
        return app && safeEqual(app.clientSecret, clientSecret) ? app : null;
      },
    },

    tokens: {
      /** Issues a bearer token (app-only when `userId` is null); only its SHA-256 is stored. */
      async issue(userId: string | null, appId: string, scopes: readonly string[]): Promise<string> {
        return (await this.issueRow(userId, appId, scopes)).bearer;
      },
      /** As `issue`, also answering the stored row (for the token response's `id` and `created_at`). */
      async issueRow(userId: string | null, appId: string, scopes: readonly string[]): Promise<{ bearer: string; row: TokenRow }> {
        const bearer = randomToken();
        const row = await data.tokens.create({
          id: ids.next(),
          tokenHash: tokenHash(bearer),
          appId,
          userId,
          scopes: [...scopes],
          createdAt: clock.now(),
          expiresAt: null,
        });
        return { bearer, row };
      },
      /** The stored row of a bearer token, or null. */
      find: (bearer: string) => data.tokens.byHash(tokenHash(bearer)),
      revoke: (bearer: string) => data.tokens.revoke(tokenHash(bearer)),
    },

    statuses: {
      /**
       * Posts a status: resolves `@nick` mentions of known accounts, addresses a reply's parent
       * author, joins the parent's thread, notifies the mentioned and publishes a `Create`.
       */
      async post(input: NewPost): Promise<StatusRow> {
        const parent = input.inReplyToId ? await data.statuses.byId(input.inReplyToId) : null;
        let mentionIds: string[];
        if (input.addressOnly) mentionIds = [...new Set(input.addressOnly)];
        else {
          const handles = mentionedHandles(input.content);
          const found = await Promise.all(handles.map((h) => data.users.byNickname(h)));
          mentionIds = [
            ...new Set([
              ...(input.mentionIds ?? []),
              ...found.flatMap((u) => (u && u.isActive ? [u.id] : [])),
              ...(parent ? [parent.authorId] : []),
            ]),
          ];
        }
        mentionIds = mentionIds.filter((id) => id !== input.authorId);
        const id = ids.next();
        const row = await data.statuses.create({
          id,
          authorId: input.authorId,
          content: input.content,
          spoilerText: input.spoilerText ?? "",
          visibility: input.visibility,
          inReplyToId: parent?.id ?? null,
          contextId: parent?.contextId ?? input.contextId ?? id,
          mentionIds,
          sensitive: input.sensitive ?? false,
          createdAt: clock.now(),
        });
        for (const userId of mentionIds) {
          await notify({ userId, type: "mention", actorId: row.authorId, statusId: row.id, emoji: null, emojiUrl: null, targetId: null });
        }
        await publish({ type: "Create", id: activityId(), actorId: row.authorId, object: row.id, ...audience(row) });
        return row;
      },
      /** Deletes a status if `byUserId` wrote it or is staff; true when deleted. */
      async delete(statusId: string, byUserId: string): Promise<StatusRow | null> {
        const [row, actor] = await Promise.all([data.statuses.byId(statusId), data.users.byId(byUserId)]);
        if (!row || !actor) return null;
        if (row.authorId !== byUserId && !actor.isAdmin && !actor.isModerator) return null;
        if (!(await data.statuses.delete(statusId))) return null;
        await publish({ type: "Delete", id: activityId(), actorId: byUserId, object: row.id, ...audience(row) });
        return row;
      },
      /** Favourites a visible status; notifies the author and publishes a `Like` the first time. */
      async favourite(userId: string, statusId: string): Promise<boolean> {
        const row = await data.statuses.byId(statusId);
        if (!row) return false;
        const added = await data.favourites.add(userId, statusId, clock.now());
        if (added) {
          await notify({ userId: row.authorId, type: "favourite", actorId: userId, statusId, emoji: null, emojiUrl: null, targetId: null });
          await publish({ type: "Like", id: activityId(), actorId: userId, object: statusId, to: [row.authorId], cc: [] });
        }
        return added;
      },
      async unfavourite(userId: string, statusId: string): Promise<boolean> {
        const removed = await data.favourites.remove(userId, statusId);
        if (removed) await publish({ type: "Undo", id: activityId(), actorId: userId, object: { type: "Like", object: statusId }, to: [], cc: [] });
        return removed;
      },
      /** Of `rows`, those `viewerId` may see. */
      visible: (rows: readonly StatusRow[], viewerId: string | null) => visibleRows(data, rows, viewerId),
    },

    relations: {
      /** Follows (or requests to follow a locked account); `notify` subscribes to new posts. */
      async follow(fromId: string, toId: string, opts: { notify?: boolean } = {}): Promise<void> {
        const target = await data.users.byId(toId);
        if (!target) return;
        const already = (await data.relations.among("follow", fromId, [toId])).size > 0;
        if (!already) {
          const kind = target.isLocked ? "follow_request" : "follow";
          if (await data.relations.add(kind, fromId, toId)) {
            await notify({ userId: toId, type: kind, actorId: fromId, statusId: null, emoji: null, emojiUrl: null, targetId: null });
            await publish({ type: "Follow", id: activityId(), actorId: fromId, object: toId, to: [toId], cc: [] });
          }
        }
        if (opts.notify === true) await data.relations.add("subscribe", fromId, toId);
        if (opts.notify === false) await data.relations.remove("subscribe", fromId, toId);
      },
      async unfollow(fromId: string, toId: string): Promise<void> {
        const removed = await data.relations.remove("follow", fromId, toId);
        await data.relations.remove("follow_request", fromId, toId);
        await data.relations.remove("subscribe", fromId, toId);
        if (removed) await publish({ type: "Undo", id: activityId(), actorId: fromId, object: { type: "Follow", object: toId }, to: [toId], cc: [] });
      },
      /** Blocks, and ends follows both ways, as Mastodon does. */
      async block(fromId: string, toId: string): Promise<void> {
        await data.relations.add("block", fromId, toId);
        for (const [a, b] of [[fromId, toId], [toId, fromId]] as const) {
          await data.relations.remove("follow", a, b);
          await data.relations.remove("follow_request", a, b);
          await data.relations.remove("subscribe", a, b);
        }
        await publish({ type: "Block", id: activityId(), actorId: fromId, object: toId, to: [toId], cc: [] });
      },
      async unblock(fromId: string, toId: string): Promise<void> {
        await data.relations.remove("block", fromId, toId);
      },
      async mute(fromId: string, toId: string): Promise<void> {
        await data.relations.add("mute", fromId, toId);
      },
      async unmute(fromId: string, toId: string): Promise<void> {
        await data.relations.remove("mute", fromId, toId);
      },
      /** Relationship entities from `viewerId` to each of `ids`. */
      render: (viewerId: string, accountIds: readonly string[]) => renderRelationships(data, viewerId, accountIds),
    },

    timelines: {
      /** The viewer's own and followed accounts' statuses they may see, newest first. */
      async home(viewerId: string, page: PageQuery): Promise<StatusRow[]> {
        const authors = [viewerId, ...(await data.relations.allFrom("follow", viewerId))];
        const blockedOrMuted = await ports.relationships.hiddenFor(viewerId, authors, { includeMuted: false });
        const kept = authors.filter((a) => !blockedOrMuted.has(a));
        return fillPage(page, async (p) => {
          const perAuthor = await Promise.all(kept.map((a) => data.statuses.byAuthor(a, p)));
          return mergeNewestFirst(perAuthor, p);
        }, (rows) => visibleRows(data, rows, viewerId));
      },
      /** Public statuses (and `local` ones for signed-in local viewers), newest first. */
      async public(viewerId: string | null, page: PageQuery, opts: { localOnly?: boolean } = {}): Promise<StatusRow[]> {
        const viewer = viewerId ? await data.users.byId(viewerId) : null;
        const visibilities: Visibility[] = viewer && viewer.domain === null ? ["public", "local"] : ["public"];
        return fillPage(page, (p) => data.statuses.byVisibility(visibilities, p), async (rows) => {
          const visible = await visibleRows(data, rows, viewerId);
          const hidden = viewerId ? await ports.relationships.hiddenFor(viewerId, visible.map((r) => r.authorId), { includeMuted: false }) : new Set<string>();
          if (!opts.localOnly) return visible.filter((r) => !hidden.has(r.authorId));
          const authors = new Map((await data.users.byIds(visible.map((r) => r.authorId))).map((u) => [u.id, u]));
          return visible.filter((r) => !hidden.has(r.authorId) && authors.get(r.authorId)?.domain === null);
        });
      },
      /** An account's statuses the viewer may see, newest first. */
      async account(accountId: string, viewerId: string | null, page: PageQuery, opts: { excludeReplies?: boolean } = {}): Promise<StatusRow[]> {
        return fillPage(page, (p) => data.statuses.byAuthor(accountId, p), async (rows) =>
          (await visibleRows(data, rows, viewerId)).filter((r) => !opts.excludeReplies || r.inReplyToId === null),
        );
      },
    },

    notifications: {
      /** The user's notifications as entities, newest first; hidden ones are skipped, pages stay full. */
      async list(userId: string, page: PageQuery, filter: { types?: readonly string[]; excludeTypes?: readonly string[] } = {}): Promise<{ entities: Entity[]; rows: NotificationRow[] }> {
        const rendered = new Map<string, Entity>();
        const rows = await fillPage(page, (p) => data.notifications.list(userId, p), async (batch) => {
          const wanted = batch.filter((r) => (!filter.types || filter.types.includes(r.type)) && !filter.excludeTypes?.includes(r.type));
          for (const e of await renderNotifications(ctx, userId, wanted, statusRenderer)) rendered.set(e.id as string, e);
          return wanted.filter((r) => rendered.has(r.id));
        });
        return { entities: rows.map((r) => rendered.get(r.id)!), rows };
      },
    },

    markers: {
      get: (userId: string, timeline: MarkerTimeline): Marker | null => markers.get(markerKey(userId, timeline)) ?? null,
      /** Sets a marker (Mastodon lets it move backwards too); bumps its version. */
      set(userId: string, timeline: MarkerTimeline, lastReadId: string): Marker {
        const old = markers.get(markerKey(userId, timeline));
        const marker = { lastReadId, version: (old?.version ?? 0) + 1, updatedAt: clock.now() };
        markers.set(markerKey(userId, timeline), marker);
        return marker;
      },
    },

    /** The URL of a local account's profile. */
    accountUrl: (user: UserRow) => accountUrl(ctx, user),
  };
  // The optional ports (favourites, subscriptions, imports, profile images, account security) are
  // built over the host itself, so they are added once it exists.
  Object.assign(ports, conversationHostPorts(host), {
    accountSecurity: createAccountSecurity(data, {
      baseUrl,
      clock,
      ids,
      issueToken: (userId: string, appId: string, scopes: readonly string[]) => host.tokens.issueRow(userId, appId, scopes),
    }),
  });
  return host;

  /** `to`/`cc` of a status's activities, by visibility (followers as `followers:<id>`, as core's reactions do). */
  function audience(row: StatusRow): { to: string[]; cc: string[] } {
    const followers = `followers:${row.authorId}`;
    switch (row.visibility) {
      case "public":
        return { to: [PUBLIC_AUDIENCE, ...row.mentionIds], cc: [followers] };
      case "unlisted":
        return { to: [followers, ...row.mentionIds], cc: [PUBLIC_AUDIENCE] };
      case "private":
        return { to: [followers, ...row.mentionIds], cc: [] };
      default:
        return { to: [...row.mentionIds], cc: [] };
    }
  }
}

/** The stored form of a bearer token: hex SHA-256, so a leaked table grants nothing. */
export function tokenHash(bearer: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(bearer)));
}

function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function authUser(user: UserRow) {
  return { id: user.id, nickname: user.nickname, isAdmin: user.isAdmin, isModerator: user.isModerator };
}

function hostAccount(user: UserRow) {
  return { id: user.id, nickname: user.nickname, isLocal: user.domain === null, isActive: user.isActive, email: user.email };
}

/**
 * Fills a page although filtering drops rows: fetches page after page (each `limit` long) until
 * `limit` rows survive `keep` or the source runs dry. With `minId` it walks upwards.
 */
async function fillPage<T extends { id: string }>(
  page: PageQuery,
  fetch: (page: PageQuery) => Promise<T[]>,
  keep: (rows: T[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: PageQuery = page;
  for (let round = 0; round < 20 && out.length < page.limit; round++) {
    const rows = await fetch(cursor);
    if (rows.length === 0) break;
    out.push(...(await keep(rows)));
    if (rows.length < cursor.limit) break;
    // Rows come newest first; continue below the oldest, or (min_id) above the newest.
    cursor = page.minId !== undefined ? { ...cursor, minId: rows[0]!.id } : { ...cursor, maxId: rows[rows.length - 1]!.id };
  }
  if (page.minId !== undefined) {
    // Walking upwards: keep the `limit` lowest, presented newest first.
    return out.sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, page.limit).reverse();
  }
  return out.slice(0, page.limit);
}

/** Merges per-author pages (each newest first) into one page with the same bounds. */
function mergeNewestFirst(lists: StatusRow[][], page: PageQuery): StatusRow[] {
  const all = lists.flat();
  if (page.minId !== undefined) return all.sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, page.limit).reverse();
  return all.sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, page.limit);
}
