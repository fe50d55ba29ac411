/**
 * An in-memory host for unit tests of host code that calls the kit: accounts, tokens, statuses
 * with Mastodon's visibility rules, follows, blocks, mutes and notifications in plain maps, and
 * every activity the kit publishes kept in `published`. It passes the host-port contract suite,
 * so a test that runs against it sees what a real host would answer.
 */
import type { Activity, Entity, HostAccount, HostPorts, HostStatus, Principal } from "@pleroma-kit/core";
import { compareIds } from "@pleroma-kit/core/store-kit";
import type { FixtureVisibility, HostPortFixture } from "./fixture.js";

/** A notification the fake host created (what the kit asked for, after its rules). */
export interface FakeNotification {
  readonly id: string;
  readonly type: string;
  readonly recipientId: string;
  readonly actorId: string;
  readonly statusId?: string;
  readonly emoji?: string;
  seen: boolean;
}

/** What {@link createFakeHost} returns: the contract fixture plus what the host recorded. */
export interface FakeHost extends HostPortFixture {
  /** Activities the kit handed to `federation.publish`, in order. */
  readonly published: Activity[];
  /** Notifications created, in order. */
  readonly notifications: FakeNotification[];
  /** Makes `userId` an admin (for admin-only endpoints such as emoji packs). */
  makeAdmin(userId: string): void;
}

interface Row {
  readonly id: string;
  readonly authorId: string;
  readonly visibility: FixtureVisibility;
  readonly text: string;
  readonly mentions: readonly string[];
  readonly createdAt: Date;
}

/**
 * A fresh in-memory host. Ids are increasing numbers as strings; tokens are opaque strings.
 *
 * @example
 * const host = createFakeHost();
 * const kit = createPleromaKit({ baseUrl: "https://test.example", store: createMemoryStore(), host: host.ports });
 * const alice = await host.addAccount("alice");
 * const token = await host.issueToken(alice, ["read", "write"]);
 * const status = await host.addStatus(alice, { visibility: "public", text: "hi" });
 * await kit.fetch(new Request(`https://test.example/api/v1/pleroma/statuses/${status}/reactions/👍`, { method: "PUT", headers: { authorization: `Bearer ${token}` } }));
 * expect(host.published[0]?.type).toBe("EmojiReact");
 */
export function createFakeHost(options: { baseUrl?: string } = {}): FakeHost {
  const baseUrl = (options.baseUrl ?? "https://fake-host.example").replace(/\/+$/, "");
  let next = 100;
  const newId = () => String(next++);
  const accounts = new Map<string, { id: string; nickname: string; active: boolean; admin: boolean }>();
  const tokens = new Map<string, { userId: string; scopes: readonly string[] }>();
  const statuses = new Map<string, Row>();
  const edges = { follow: new Set<string>(), block: new Set<string>(), mute: new Set<string>() };
  const edge = (a: string, b: string) => `${a}>${b}`;
  const published: Activity[] = [];
  const notifications: FakeNotification[] = [];

  const account = (id: string): HostAccount | null => {
    const a = accounts.get(id);
    return a ? { id: a.id, nickname: a.nickname, isLocal: true, isActive: a.active, email: null } : null;
  };
  const canSee = (row: Row, viewerId: string | null): boolean => {
    if (row.visibility === "public" || row.visibility === "unlisted") return true;
    if (viewerId === null) return false;
    if (viewerId === row.authorId || row.mentions.includes(viewerId)) return true;
    return row.visibility === "private" && edges.follow.has(edge(viewerId, row.authorId));
  };
  const renderAccount = (id: string): Entity => {
    const a = accounts.get(id)!;
    return { id, username: a.nickname, acct: a.nickname, display_name: a.nickname, url: `${baseUrl}/users/${a.nickname}`, emojis: [] };
  };
  const renderNotification = (n: FakeNotification): Entity => ({ id: n.id, type: n.type, account: renderAccount(n.actorId), pleroma: { is_seen: n.seen } });
  const principal = (userId: string, scopes: readonly string[]): Principal | null => {
    const a = accounts.get(userId);
    if (!a?.active) return null;
    return { user: { id: a.id, nickname: a.nickname, isAdmin: a.admin, isModerator: false }, scopes, via: "token" };
  };

  const ports: HostPorts = {
    auth: {
      authenticateToken: async (token) => {
        const t = tokens.get(token);
        return t ? principal(t.userId, t.scopes) : null;
      },
      authenticateSession: async () => null,
      authenticateBasic: async () => null,
    },
    accounts: {
      get: async (id) => account(id),
      activeAmong: async (ids) => new Set(ids.filter((id) => accounts.get(id)?.active)),
      findByNickname: async (nickname) => account([...accounts.values()].find((a) => a.nickname === nickname)?.id ?? ""),
      render: async (ids) => new Map(ids.filter((id) => accounts.get(id)?.active).map((id) => [id, renderAccount(id)])),
    },
    statuses: {
      getVisible: async (id, viewerId) => {
        const row = statuses.get(id);
        if (!row || !canSee(row, viewerId)) return null;
        return { id, authorId: row.authorId, visibility: row.visibility, addressedTo: row.mentions, createdAt: row.createdAt } satisfies HostStatus;
      },
      render: async (ids, viewerId) => {
        const out = new Map<string, Entity>();
        for (const id of ids) {
          const row = statuses.get(id);
          if (!row || !canSee(row, viewerId)) continue;
          out.set(id, {
            id,
            created_at: row.createdAt.toISOString(),
            content: row.text,
            visibility: row.visibility,
            uri: `${baseUrl}/objects/${id}`,
            url: `${baseUrl}/notice/${id}`,
            account: renderAccount(row.authorId),
            in_reply_to_id: null,
            pleroma: {},
          });
        }
        return out;
      },
    },
    relationships: {
      hiddenFor: async (viewerId, ids, { includeMuted }) =>
        new Set(ids.filter((id) => edges.block.has(edge(viewerId, id)) || (!includeMuted && edges.mute.has(edge(viewerId, id))))),
    },
    notifications: {
      create: async (request) => {
        if (request.recipientId === request.actorId || edges.block.has(edge(request.recipientId, request.actorId))) return;
        const { emojiUrl: _, ...fields } = request;
        notifications.push({ id: newId(), ...fields, seen: false });
      },
      markOneRead: async (userId, id) => {
        const n = notifications.find((x) => x.id === id && x.recipientId === userId);
        if (!n) return null;
        n.seen = true;
        return renderNotification(n);
      },
      markReadUpTo: async (userId, maxId, limit) => {
        const changed = notifications.filter((n) => n.recipientId === userId && !n.seen && compareIds(n.id, maxId) <= 0);
        for (const n of changed) n.seen = true;
        return changed.slice(0, limit).map(renderNotification);
      },
    },
    federation: { publish: async (activity) => void published.push(activity) },
  };

  return {
    ports,
    published,
    notifications,
    async addAccount(nickname) {
      const id = newId();
      accounts.set(id, { id, nickname, active: true, admin: false });
      return id;
    },
    async issueToken(userId, scopes) {
      const token = `fake-token-${newId()}`;
      tokens.set(token, { userId, scopes: [...scopes] });
      return token;
    },
    async addStatus(authorId, { visibility, text = "", mentions = [] }) {
      const id = newId();
      statuses.set(id, { id, authorId, visibility, text, mentions: [...mentions], createdAt: new Date() });
      return id;
    },
    async follow(a, b) {
      edges.follow.add(edge(a, b));
    },
    async block(a, b) {
      edges.block.add(edge(a, b));
    },
    async mute(a, b) {
      edges.mute.add(edge(a, b));
    },
    async deactivate(userId) {
      const a = accounts.get(userId);
      if (a) a.active = false;
    },
    makeAdmin(userId) {
      const a = accounts.get(userId);
      if (a) a.admin = true;
    },
  };
}
