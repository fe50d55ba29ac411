import type { Activity, Entity, HostPorts, HostStatus, NotificationRequest, Principal } from "../../src/index.js";

/**
 * A minimal in-test host: users u1..u4, statuses with visibility, tokens by name. Enough for
 * core's unit tests; end-to-end tests use the reference host.
 */
export function fakeHost() {
  const principals: Record<string, Principal> = {
    "u1-token": { user: { id: "u1", nickname: "alice", isAdmin: false, isModerator: false }, scopes: ["read", "write"], via: "token" },
    "u2-token": { user: { id: "u2", nickname: "bob", isAdmin: false, isModerator: false }, scopes: ["read", "write"], via: "token" },
    "u3-token": { user: { id: "u3", nickname: "carol", isAdmin: false, isModerator: false }, scopes: ["read", "write"], via: "token" },
    "u1-read": { user: { id: "u1", nickname: "alice", isAdmin: false, isModerator: false }, scopes: ["read:accounts"], via: "token" },
    "app-token": { user: null, scopes: ["read", "write"], via: "token" },
    "admin-token": { user: { id: "u9", nickname: "root", isAdmin: true, isModerator: false }, scopes: ["read", "write", "admin"], via: "token" },
  };
  const statuses = new Map<string, HostStatus>();
  const inactive = new Set<string>();
  const hidden = new Map<string, { blocks: Set<string>; mutes: Set<string> }>();
  const published: Activity[] = [];
  const notifications: NotificationRequest[] = [];
  const seen = new Map<string, { userId: string; seen: boolean }>();

  const ports: HostPorts = {
    auth: {
      authenticateToken: async (token) =>
        principals[token] ??
        (token.startsWith("user:")
          ? { user: { id: token.slice(5), nickname: token.slice(5), isAdmin: false, isModerator: false }, scopes: ["read", "write"], via: "token" }
          : null),
      authenticateSession: async (cookie) => principals[cookie] ?? null,
      authenticateBasic: async (login, password) =>
        login === "alice" && password === "secret" ? { ...principals["u1-token"]!, via: "basic" } : null,
    },
    accounts: {
      get: async (id) => ({ id, nickname: id, isLocal: true, isActive: !inactive.has(id) }),
      findByNickname: async () => null,
      activeAmong: async (ids) => new Set(ids.filter((id) => !inactive.has(id))),
      render: async (ids) => new Map(ids.filter((id) => !inactive.has(id)).map((id) => [id, { id, username: id, emojis: [] }])),
    },
    statuses: {
      getVisible: async (id, viewerId) => {
        const s = statuses.get(id);
        if (!s) return null;
        if (s.visibility === "direct" && viewerId !== s.authorId && !s.addressedTo.includes(viewerId ?? "")) return null;
        return s;
      },
      render: async (ids) =>
        new Map(ids.filter((id) => statuses.has(id)).map((id): [string, Entity] => [id, { id, reblog: null, pleroma: { local: true } }])),
    },
    relationships: {
      hiddenFor: async (viewerId, accountIds, { includeMuted }) => {
        const h = hidden.get(viewerId);
        return new Set(accountIds.filter((id) => h?.blocks.has(id) || (!includeMuted && h?.mutes.has(id))));
      },
    },
    notifications: {
      create: async (n) => void notifications.push(n),
      markOneRead: async (userId, id) => {
        const n = seen.get(id);
        if (!n || n.userId !== userId) return null;
        n.seen = true;
        return { id, pleroma: { is_seen: true } };
      },
      markReadUpTo: async (userId, maxId, limit) => {
        const out: Entity[] = [];
        for (const [id, n] of [...seen].sort()) {
          if (n.userId === userId && !n.seen && id <= maxId) {
            n.seen = true;
            out.push({ id, pleroma: { is_seen: true } });
          }
        }
        return out.slice(0, limit);
      },
    },
    federation: { publish: async (a) => void published.push(a) },
  };

  return {
    ports,
    published,
    notifications,
    addStatus(s: Partial<HostStatus> & { id: string; authorId: string }) {
      statuses.set(s.id, { visibility: "public", addressedTo: [], createdAt: new Date(), ...s });
    },
    deactivate: (id: string) => inactive.add(id),
    block(viewer: string, target: string) {
      const h = hidden.get(viewer) ?? { blocks: new Set(), mutes: new Set() };
      h.blocks.add(target);
      hidden.set(viewer, h);
    },
    mute(viewer: string, target: string) {
      const h = hidden.get(viewer) ?? { blocks: new Set(), mutes: new Set() };
      h.mutes.add(target);
      hidden.set(viewer, h);
    },
    addNotification: (id: string, userId: string) => seen.set(id, { userId, seen: false }),
  };
}
