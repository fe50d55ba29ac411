/**
 * A tiny in-memory host for core's HTTP tests: users with bearer tokens, statuses with Mastodon
 * visibility, follows/blocks/mutes/subscriptions, favourites, notifications and published
 * activities. Deliberately simple; the reference host is the full example.
 */
import {
  createPleromaKit,
  inProcessJobs,
  mastodonConversationRoutes,
  memoryFileStore,
  silentLogger,
  type Activity,
  type Entity,
  type HostPorts,
  type NotificationRequest,
  type PleromaKit,
  type Principal,
  type Visibility,
} from "../../src/index.js";
import { createMemoryStore } from "@pleroma-kit/store-memory";

export interface FakeUser {
  id: string;
  nickname: string;
  active: boolean;
  hideFavorites: boolean;
  avatar: string | null;
  banner: string | null;
}

export interface FakeStatus {
  id: string;
  authorId: string;
  visibility: Visibility;
  context: string;
  inReplyToId: string | null;
  mentionIds: string[];
  createdAt: Date;
}

export function createFakeWorld(options: { public?: boolean; withPorts?: boolean; mastodonRoutes?: boolean } = {}) {
  const users = new Map<string, FakeUser>();
  const tokens = new Map<string, { userId: string; scopes: string[] }>();
  const statuses = new Map<string, FakeStatus>();
  const follows = new Set<string>();
  const blocks = new Set<string>();
  const mutes = new Set<string>();
  const subscriptions = new Set<string>();
  const favourites = new Map<string, Set<string>>();
  const notifications: NotificationRequest[] = [];
  const published: Activity[] = [];
  const pair = (a: string, b: string) => `${a}>${b}`;
  let seq = 0;
  const nextStatusId = () => String(1000 + ++seq);

  const canSee = (s: FakeStatus, viewerId: string | null) => {
    if (s.visibility === "public" || s.visibility === "unlisted") return true;
    if (viewerId === null) return false;
    if (viewerId === s.authorId || s.mentionIds.includes(viewerId)) return true;
    return s.visibility === "private" && follows.has(pair(viewerId, s.authorId));
  };
  const renderAccount = (u: FakeUser): Entity => ({ id: u.id, username: u.nickname, acct: u.nickname, emojis: [], avatar: u.avatar, header: u.banner });

  const host: HostPorts = {
    auth: {
      async authenticateToken(token) {
        const t = tokens.get(token);
        const u = t && users.get(t.userId);
        if (!t || !u || !u.active) return null;
        return { user: { id: u.id, nickname: u.nickname, isAdmin: false, isModerator: false }, scopes: t.scopes, via: "token" } satisfies Principal;
      },
      authenticateSession: async () => null,
      authenticateBasic: async () => null,
    },
    accounts: {
      async get(id) {
        const u = users.get(id);
        return u ? { id: u.id, nickname: u.nickname, isLocal: true, isActive: u.active } : null;
      },
      async activeAmong(ids) {
        return new Set(ids.filter((id) => users.get(id)?.active));
      },
      async findByNickname(nickname) {
        const u = [...users.values()].find((x) => x.nickname.toLowerCase() === nickname.toLowerCase());
        return u ? { id: u.id, nickname: u.nickname, isLocal: true, isActive: u.active } : null;
      },
      async render(ids) {
        const out = new Map<string, Entity>();
        for (const id of ids) {
          const u = users.get(id);
          if (u?.active) out.set(id, renderAccount(u));
        }
        return out;
      },
    },
    statuses: {
      async getVisible(id, viewerId) {
        const s = statuses.get(id);
        if (!s || !canSee(s, viewerId)) return null;
        return { id: s.id, authorId: s.authorId, visibility: s.visibility, addressedTo: s.mentionIds, createdAt: s.createdAt };
      },
      async render(ids, viewerId) {
        const out = new Map<string, Entity>();
        for (const id of ids) {
          const s = statuses.get(id);
          const author = s && users.get(s.authorId);
          if (!s || !author || !canSee(s, viewerId)) continue;
          out.set(id, {
            id,
            account: renderAccount(author),
            visibility: s.visibility,
            in_reply_to_id: s.inReplyToId,
            mentions: s.mentionIds.map((m) => ({ id: m })),
            pleroma: { local: true, context: s.context, direct_conversation_id: null },
          });
        }
        return out;
      },
    },
    relationships: {
      async hiddenFor(viewerId, accountIds, { includeMuted }) {
        return new Set(accountIds.filter((id) => blocks.has(pair(viewerId, id)) || (!includeMuted && mutes.has(pair(viewerId, id)))));
      },
    },
    notifications: {
      async create(request) {
        notifications.push(request);
      },
      markOneRead: async () => null,
      markReadUpTo: async () => [],
    },
    federation: {
      async publish(activity) {
        published.push(activity);
      },
    },
  };

  const ports: Pick<HostPorts, "favourites" | "subscriptions" | "relationImports" | "profileImages"> = {
    favourites: {
      async favouritedStatusIds(accountId, page) {
        const ids = [...(favourites.get(accountId) ?? [])].sort((a, b) => Number(a) - Number(b));
        let kept = ids;
        if (page.maxId) kept = kept.filter((id) => Number(id) < Number(page.maxId));
        if (page.sinceId) kept = kept.filter((id) => Number(id) > Number(page.sinceId));
        if (page.minId) return kept.filter((id) => Number(id) > Number(page.minId)).slice(0, page.limit);
        return kept.reverse().slice(0, page.limit);
      },
      async hidesFavourites(accountId) {
        const u = users.get(accountId);
        return u ? u.hideFavorites : null;
      },
    },
    subscriptions: {
      async subscribe(readerId, targetId) {
        subscriptions.add(pair(readerId, targetId));
      },
      async unsubscribe(readerId, targetId) {
        subscriptions.delete(pair(readerId, targetId));
      },
      async subscribersOf(authorId) {
        return [...subscriptions].filter((p) => p.endsWith(`>${authorId}`)).map((p) => p.split(">")[0]!);
      },
      async follows(followerId, targetId) {
        return follows.has(pair(followerId, targetId));
      },
      async relationship(viewerId, targetId) {
        const subscribing = subscriptions.has(pair(viewerId, targetId));
        return {
          id: targetId,
          following: follows.has(pair(viewerId, targetId)),
          followed_by: follows.has(pair(targetId, viewerId)),
          blocking: blocks.has(pair(viewerId, targetId)),
          blocked_by: false,
          muting: mutes.has(pair(viewerId, targetId)),
          muting_notifications: mutes.has(pair(viewerId, targetId)),
          subscribing,
          notifying: subscribing,
          requested: false,
          requested_by: false,
          domain_blocking: false,
          showing_reblogs: true,
          endorsed: false,
          note: "",
        };
      },
    },
    relationImports: {
      async apply(kind, userId, identifier) {
        const target = [...users.values()].find((u) => u.nickname === identifier.replace(/@local\.example$/, ""));
        if (!target) return "not_found";
        if (target.id === userId) return "failed";
        (kind === "follow" ? follows : kind === "block" ? blocks : mutes).add(pair(userId, target.id));
        return "ok";
      },
    },
    profileImages: {
      async setImage(userId, kind, url) {
        const u = users.get(userId)!;
        if (kind === "avatar") u.avatar = url;
        else u.banner = url;
      },
    },
  };

  const jobs = inProcessJobs({ logger: silentLogger });
  const files = memoryFileStore();
  const store = createMemoryStore();
  const kit: PleromaKit = createPleromaKit({
    baseUrl: "https://social.example",
    instance: { public: options.public ?? true },
    store,
    host: options.withPorts === false ? host : { ...host, ...ports },
    jobs,
    files,
    logger: silentLogger,
    ...(options.mastodonRoutes ? { extraRoutes: () => mastodonConversationRoutes } : {}),
  });

  let userSeq = 0;
  const world = {
    kit,
    store,
    jobs,
    files,
    users,
    statuses,
    follows,
    blocks,
    mutes,
    subscriptions,
    favourites,
    notifications,
    published,
    pair,
    /** Creates a user and a token with `scopes` (default read+write+follow). */
    user(nickname?: string, scopes: string[] = ["read", "write", "follow"]) {
      const id = `u${++userSeq}`;
      const u: FakeUser = { id, nickname: nickname ?? `user${userSeq}`, active: true, hideFavorites: true, avatar: null, banner: null };
      users.set(id, u);
      const token = `tok-${id}-${Math.random().toString(36).slice(2)}`;
      tokens.set(token, { userId: id, scopes });
      return { ...u, token, tokenWith: (s: string[]) => world.token(id, s) };
    },
    token(userId: string, scopes: string[]) {
      const token = `tok-${userId}-${Math.random().toString(36).slice(2)}`;
      tokens.set(token, { userId, scopes });
      return token;
    },
    /**
     * Posts a status as the host would: stores it and calls the library hook. With
     * `inReplyToConversationId` the library resolves the addressing (and may refuse it).
     */
    async post(
      authorId: string,
      options: { visibility?: Visibility; mentions?: string[]; inReplyTo?: string; inReplyToConversationId?: string } = {},
    ): Promise<FakeStatus> {
      let visibility = options.visibility ?? "public";
      let mentionIds = options.mentions ?? [];
      const parent = options.inReplyTo ? statuses.get(options.inReplyTo) : undefined;
      const id = nextStatusId();
      let context = parent?.context ?? `ctx-${id}`;
      if (options.inReplyToConversationId !== undefined) {
        const r = await kit.services.conversations.resolveConversationAddressing(authorId, options.inReplyToConversationId);
        if (r.isErr()) throw Object.assign(new Error(r.error.message), { appError: r.error });
        visibility = r.value.visibility;
        mentionIds = [...r.value.to];
        context = r.value.context;
      }
      const s: FakeStatus = { id, authorId, visibility, context, inReplyToId: options.inReplyTo ?? null, mentionIds, createdAt: new Date() };
      statuses.set(id, s);
      const hooked = await kit.services.statusEvents.onStatusCreated({
        id,
        authorId,
        visibility,
        context,
        inReplyToId: s.inReplyToId,
        recipientIds: mentionIds,
        createdAt: s.createdAt,
      });
      if (hooked.isErr()) throw new Error(hooked.error.message);
      return s;
    },
    /** Calls the kit through its fetch pipeline. */
    async call(method: string, path: string, init: { token?: string; json?: unknown; form?: FormData; body?: string; contentType?: string } = {}) {
      const headers = new Headers();
      if (init.token) headers.set("authorization", `Bearer ${init.token}`);
      let body: BodyInit | undefined;
      if (init.json !== undefined) {
        headers.set("content-type", "application/json");
        body = JSON.stringify(init.json);
      } else if (init.form) body = init.form;
      else if (init.body !== undefined) {
        body = init.body;
        if (init.contentType) headers.set("content-type", init.contentType);
      }
      const response = await kit.fetch(new Request(`http://x${path}`, { method, headers, body }));
      if (!response) throw new Error(`no route for ${method} ${path}`);
      const textBody = await response.text();
      let json: any = null;
      try {
        json = textBody === "" ? null : JSON.parse(textBody);
      } catch {
        json = textBody;
      }
      return { status: response.status, json, headers: response.headers };
    },
  };
  return world;
}

export type FakeWorld = ReturnType<typeof createFakeWorld>;
