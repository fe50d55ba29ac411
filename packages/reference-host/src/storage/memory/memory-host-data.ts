import {
  UniqueViolation,
  type AppRow,
  type HostData,
  type NotificationRow,
  type RelationEdge,
  type RelationKind,
  type StatusRow,
  type TokenRow,
  type UserListFilter,
  type UserRow,
} from "../../host-data.js";
import { pageRows } from "./memory-page.js";

interface FavouriteRow {
  readonly favouriteId: string;
  readonly userId: string;
  readonly statusId: string;
}

/**
 * The reference host's data in memory, for tests and the demo server. JavaScript runs one call at
 * a time and no method awaits between its check and its write, so every method is atomic: of two
 * parallel `users.create` with one nickname exactly one succeeds, of parallel `relations.add`
 * exactly one returns true. Nicknames and emails are unique case-insensitively.
 */
export function createMemoryHostData(): HostData {
  const users = new Map<string, UserRow>();
  const userByNick = new Map<string, string>();
  const userByEmail = new Map<string, string>();
  const apps = new Map<string, AppRow>();
  const tokens = new Map<string, TokenRow>();
  const statuses = new Map<string, StatusRow>();
  // Status ids per author, so an account's counts do not scan every status.
  const statusesOf = new Map<string, Set<string>>();
  const forward = new Map<string, Set<string>>();
  const backward = new Map<string, Set<string>>();
  const favourites = new Map<string, FavouriteRow>();
  const favouritesOf = new Map<string, Set<string>>();
  const notifications = new Map<string, NotificationRow>();
  let favouriteSeq = 0;

  const nickKey = (u: { nickname: string; domain: string | null }) =>
    (u.domain && !u.nickname.includes("@") ? `${u.nickname}@${u.domain}` : u.nickname).toLowerCase();
  const emailKey = (email: string) => email.toLowerCase();
  const relKey = (kind: RelationKind, id: string) => `${kind}\u0000${id}`;
  const favKey = (userId: string, statusId: string) => `${userId}\u0000${statusId}`;
  const byIdsOf = <T>(map: Map<string, T>, ids: readonly string[]): T[] =>
    [...new Set(ids)].flatMap((id) => {
      const row = map.get(id);
      return row ? [row] : [];
    });
  const setOf = (map: Map<string, Set<string>>, key: string): Set<string> => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    return set;
  };

  return {
    users: {
      async create(user) {
        if (users.has(user.id)) throw new UniqueViolation("id");
        if (userByNick.has(nickKey(user))) throw new UniqueViolation("nickname");
        if (user.email !== null && userByEmail.has(emailKey(user.email))) throw new UniqueViolation("email");
        const row: UserRow = { ...user, createdAt: user.createdAt ?? new Date() };
        users.set(row.id, row);
        userByNick.set(nickKey(row), row.id);
        if (row.email !== null) userByEmail.set(emailKey(row.email), row.id);
        return row;
      },
      async byId(id) {
        return users.get(id) ?? null;
      },
      async byIds(ids) {
        return byIdsOf(users, ids);
      },
      async byNickname(nickname) {
        const id = userByNick.get(nickname.toLowerCase());
        return id === undefined ? null : (users.get(id) ?? null);
      },
      async byEmail(email) {
        const id = userByEmail.get(emailKey(email));
        return id === undefined ? null : (users.get(id) ?? null);
      },
      async update(id, patch) {
        const old = users.get(id);
        if (!old) return null;
        const next: UserRow = { ...old, ...patch };
        const oldNick = nickKey(old);
        const newNick = nickKey(next);
        if (newNick !== oldNick && userByNick.has(newNick)) throw new UniqueViolation("nickname");
        const oldEmail = old.email === null ? null : emailKey(old.email);
        const newEmail = next.email === null ? null : emailKey(next.email);
        if (newEmail !== null && newEmail !== oldEmail && userByEmail.has(newEmail)) throw new UniqueViolation("email");
        userByNick.delete(oldNick);
        userByNick.set(newNick, id);
        if (oldEmail !== null) userByEmail.delete(oldEmail);
        if (newEmail !== null) userByEmail.set(newEmail, id);
        users.set(id, next);
        return next;
      },
      async count() {
        return users.size;
      },
      async stats(ids) {
        const out = new Map<string, { followers: number; following: number; statuses: number; lastStatusAt: Date | null }>();
        for (const id of new Set(ids)) {
          if (!users.has(id)) continue;
          const own = statusesOf.get(id) ?? new Set<string>();
          let newest: string | null = null;
          for (const statusId of own) if (newest === null || statusId > newest) newest = statusId;
          out.set(id, {
            followers: backward.get(relKey("follow", id))?.size ?? 0,
            following: forward.get(relKey("follow", id))?.size ?? 0,
            statuses: own.size,
            lastStatusAt: newest === null ? null : statuses.get(newest)!.createdAt,
          });
        }
        return out;
      },
      async list(filter, offset, limit) {
        // Ordered by nickname key, as the SQL store's `ORDER BY nickname_key`.
        const keyed = [...users.values()].filter((u) => userMatches(u, filter)).map((u) => [nickKey(u), u] as const);
        const matching = keyed.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, u]) => u);
        return { rows: matching.slice(offset, offset + limit), total: matching.length };
      },
      async search(prefix, limit) {
        const p = prefix.toLowerCase();
        return [...users.values()]
          .filter((u) => u.isActive && (u.nickname.toLowerCase().startsWith(p) || u.displayName.toLowerCase().startsWith(p)))
          .sort((a, b) => (a.nickname.toLowerCase() < b.nickname.toLowerCase() ? -1 : 1))
          .slice(0, Math.max(0, limit));
      },
    },
    apps: {
      async create(app) {
        for (const existing of apps.values()) if (existing.id === app.id) throw new UniqueViolation("id");
        if (apps.has(app.clientId)) throw new UniqueViolation("clientId");
        apps.set(app.clientId, app);
        return app;
      },
      async byClientId(clientId) {
        return apps.get(clientId) ?? null;
      },
      async byIds(ids) {
        const wanted = new Set(ids);
        return [...apps.values()].filter((a) => wanted.has(a.id));
      },
    },
    tokens: {
      async create(token) {
        if (tokens.has(token.tokenHash)) throw new UniqueViolation("tokenHash");
        tokens.set(token.tokenHash, token);
        return token;
      },
      async byHash(tokenHash) {
        return tokens.get(tokenHash) ?? null;
      },
      async revokeForUser(userId) {
        for (const [hash, token] of tokens) if (token.userId === userId) tokens.delete(hash);
      },
      async revoke(tokenHash) {
        return tokens.delete(tokenHash);
      },
      async byHashWithUser(tokenHash) {
        const token = tokens.get(tokenHash);
        if (!token) return null;
        return { token, user: token.userId === null ? null : (users.get(token.userId) ?? null) };
      },
      async byUser(userId) {
        return [...tokens.values()].filter((t) => t.userId === userId).sort((a, b) => (a.id < b.id ? 1 : -1));
      },
      async revokeById(userId, id) {
        for (const [hash, token] of tokens) if (token.id === id && token.userId === userId) return tokens.delete(hash);
        return false;
      },
      async byRefreshHash(refreshHash) {
        for (const token of tokens.values()) if (token.refreshHash === refreshHash) return token;
        return null;
      },
    },
    statuses: {
      async create(status) {
        if (statuses.has(status.id)) throw new UniqueViolation("id");
        statuses.set(status.id, status);
        setOf(statusesOf, status.authorId).add(status.id);
        return status;
      },
      async byId(id) {
        return statuses.get(id) ?? null;
      },
      async byIds(ids) {
        return byIdsOf(statuses, ids);
      },
      async delete(id) {
        const row = statuses.get(id);
        if (row) statusesOf.get(row.authorId)?.delete(id);
        return statuses.delete(id);
      },
      async byAuthor(authorId, page) {
        return pageRows(
          statuses.values(),
          (s) => s.id,
          page,
          (s) => s.authorId === authorId,
        );
      },
      async countByAuthor(authorIds) {
        const out = new Map<string, number>();
        for (const id of new Set(authorIds)) {
          const n = statusesOf.get(id)?.size ?? 0;
          if (n > 0) out.set(id, n);
        }
        return out;
      },
      async replyCounts(ids) {
        const wanted = new Set(ids);
        const out = new Map<string, number>();
        for (const s of statuses.values()) {
          if (s.inReplyToId !== null && wanted.has(s.inReplyToId)) out.set(s.inReplyToId, (out.get(s.inReplyToId) ?? 0) + 1);
        }
        return out;
      },
      async byVisibility(visibilities, page) {
        const wanted = new Set(visibilities);
        return pageRows(
          statuses.values(),
          (s) => s.id,
          page,
          (s) => wanted.has(s.visibility),
        );
      },
      async byContext(contextId) {
        return [...statuses.values()].filter((s) => s.contextId === contextId).sort((a, b) => (a.id < b.id ? -1 : 1));
      },
      async directFor(userId, page) {
        return pageRows(
          statuses.values(),
          (s) => s.id,
          page,
          (s) => s.visibility === "direct" && (s.authorId === userId || s.mentionIds.includes(userId)),
        );
      },
    },
    relations: {
      async add(kind, fromId, toId) {
        const out = setOf(forward, relKey(kind, fromId));
        if (out.has(toId)) return false;
        out.add(toId);
        setOf(backward, relKey(kind, toId)).add(fromId);
        return true;
      },
      async remove(kind, fromId, toId) {
        const removed = forward.get(relKey(kind, fromId))?.delete(toId) ?? false;
        backward.get(relKey(kind, toId))?.delete(fromId);
        return removed;
      },
      async among(kind, fromId, toIds) {
        const out = forward.get(relKey(kind, fromId));
        return new Set(out ? toIds.filter((id) => out.has(id)) : []);
      },
      async towards(kind, fromIds, toId) {
        const into = backward.get(relKey(kind, toId));
        return new Set(into ? fromIds.filter((id) => into.has(id)) : []);
      },
      async allTowards(kind, toId) {
        return [...(backward.get(relKey(kind, toId)) ?? [])];
      },
      async allFrom(kind, fromId) {
        return [...(forward.get(relKey(kind, fromId)) ?? [])];
      },
      async countTowards(kind, toIds) {
        return new Map(toIds.map((id) => [id, backward.get(relKey(kind, id))?.size ?? 0]));
      },
      async countFrom(kind, fromIds) {
        return new Map(fromIds.map((id) => [id, forward.get(relKey(kind, id))?.size ?? 0]));
      },
      async between(accountId, otherIds, kinds) {
        const others = [...new Set(otherIds)];
        const out: RelationEdge[] = [];
        for (const kind of new Set(kinds)) {
          const from = forward.get(relKey(kind, accountId));
          const into = backward.get(relKey(kind, accountId));
          for (const id of others) {
            if (from?.has(id)) out.push({ kind, fromId: accountId, toId: id });
            if (into?.has(id)) out.push({ kind, fromId: id, toId: accountId });
          }
        }
        return out;
      },
    },
    favourites: {
      async add(userId, statusId, at) {
        const key = favKey(userId, statusId);
        if (favourites.has(key)) return false;
        // The id orders favourites by time, ties by arrival, at a fixed width so strings sort.
        const favouriteId = `${String(at.getTime()).padStart(15, "0")}${String(favouriteSeq++).padStart(9, "0")}`;
        favourites.set(key, { favouriteId, userId, statusId });
        setOf(favouritesOf, statusId).add(userId);
        return true;
      },
      async remove(userId, statusId) {
        favouritesOf.get(statusId)?.delete(userId);
        return favourites.delete(favKey(userId, statusId));
      },
      async among(userId, statusIds) {
        return new Set(statusIds.filter((id) => favourites.has(favKey(userId, id))));
      },
      async counts(statusIds) {
        return new Map(statusIds.map((id) => [id, favouritesOf.get(id)?.size ?? 0]));
      },
      async byUser(userId, page) {
        return pageRows(
          favourites.values(),
          (f) => f.favouriteId,
          page,
          (f) => f.userId === userId,
        ).map((f) => ({ favouriteId: f.favouriteId, statusId: f.statusId }));
      },
    },
    notifications: {
      async create(row) {
        if (notifications.has(row.id)) throw new UniqueViolation("id");
        notifications.set(row.id, row);
        return row;
      },
      async byId(id) {
        return notifications.get(id) ?? null;
      },
      async list(userId, page) {
        return pageRows(
          notifications.values(),
          (n) => n.id,
          page,
          (n) => n.userId === userId,
        );
      },
      async markSeen(userId, id) {
        const row = notifications.get(id);
        if (!row || row.userId !== userId) return null;
        const seen = { ...row, seen: true };
        notifications.set(id, seen);
        return seen;
      },
      async markSeenUpTo(userId, maxId) {
        const changed: NotificationRow[] = [];
        for (const row of notifications.values()) {
          if (row.userId !== userId || row.seen || row.id > maxId) continue;
          const seen = { ...row, seen: true };
          notifications.set(row.id, seen);
          changed.push(seen);
        }
        return changed.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      },
    },
  };
}

/** `users.list`'s filter over one row, as the SQL store applies it. */
function userMatches(u: UserRow, f: UserListFilter): boolean {
  if (f.local !== undefined && (u.domain === null) !== f.local) return false;
  if (f.active !== undefined && u.isActive !== f.active) return false;
  if (f.confirmed !== undefined && u.isConfirmed !== f.confirmed) return false;
  if (f.roles && f.roles.length > 0 && !f.roles.some((r) => (r === "admin" ? u.isAdmin : u.isModerator))) return false;
  if (f.query) {
    const q = f.query.toLowerCase();
    if (![u.nickname, u.displayName, u.email ?? ""].some((v) => v.toLowerCase().includes(q))) return false;
  }
  return true;
}

