/**
 * pleroma-kit's host ports over this server's own tables (see docs/host-ports.md). Every batch is
 * one query; unknown ids are absent or null; visibility is decided here and nowhere else.
 */
import type Database from "better-sqlite3";
import { verifyPassword, type Entity, type HostPorts, type Principal } from "@pleroma-kit/core";
import { sha256, type StatusRow, type UserRow } from "./schema.js";

/** `?, ?, ?` for a list of ids (SQLite takes up to 32766 parameters). */
const marks = (ids: readonly unknown[]) => ids.map(() => "?").join(", ");
/** Ids as this server stores them; non-numeric ids cannot exist here. */
const numeric = (ids: readonly string[]) => ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
const mentionsOf = (row: StatusRow) => (row.mentions === "" ? [] : row.mentions.split(","));

export function hostPorts(db: Database.Database, baseUrl: string): HostPorts {
  const host = new URL(baseUrl).host;
  const users = (ids: readonly string[]) => {
    const n = numeric(ids);
    return n.length === 0 ? [] : (db.prepare(`select * from users where id in (${marks(n)})`).all(...n) as UserRow[]);
  };
  const user = (id: string) => users([id])[0] ?? null;
  const related = (kind: string, fromId: string, toIds: readonly string[]) => {
    const n = numeric(toIds);
    if (n.length === 0) return new Set<string>();
    const rows = db.prepare(`select to_id from follows where kind = ? and from_id = ? and to_id in (${marks(n)})`).all(kind, Number(fromId), ...n) as { to_id: number }[];
    return new Set(rows.map((r) => String(r.to_id)));
  };
  const canSee = (row: StatusRow, viewerId: string | null) => {
    if (row.visibility === "public" || row.visibility === "unlisted") return true;
    if (viewerId === null) return false;
    if (String(row.author_id) === viewerId || mentionsOf(row).includes(viewerId)) return true;
    return row.visibility === "private" && related("follow", viewerId, [String(row.author_id)]).size > 0;
  };
  const account = (u: UserRow): Entity => ({
    id: String(u.id),
    username: u.nickname,
    acct: u.nickname,
    display_name: u.nickname,
    url: `${baseUrl}/users/${u.nickname}`,
    avatar: `${baseUrl}/images/avatar.png`,
    header: `${baseUrl}/images/banner.png`,
    locked: false,
    note: "",
    created_at: u.created_at,
    emojis: [],
    fields: [],
    pleroma: { is_admin: u.is_admin === 1 },
  });
  const renderStatuses = (rows: readonly StatusRow[]) => {
    const authors = new Map(users(rows.map((r) => String(r.author_id))).map((u) => [u.id, account(u)]));
    return rows.map((row): Entity => ({
      id: String(row.id),
      created_at: row.created_at,
      content: escapeHtml(row.text),
      visibility: row.visibility,
      uri: `${baseUrl}/objects/${row.id}`,
      url: `${baseUrl}/notice/${row.id}`,
      account: authors.get(row.author_id),
      in_reply_to_id: row.in_reply_to_id === null ? null : String(row.in_reply_to_id),
      mentions: [],
      emojis: [],
      media_attachments: [],
      pleroma: { local: true, conversation_id: row.thread_id },
    }));
  };
  const principal = (u: UserRow | null, scopes: string[] | "all", via: Principal["via"]): Principal | null =>
    u && u.is_active === 1 ? { user: { id: String(u.id), nickname: u.nickname, isAdmin: u.is_admin === 1, isModerator: false }, scopes, via } : null;
  const notification = (n: { id: number; type: string; actor_id: number; status_id: number | null; emoji: string | null; seen: number; created_at: string }): Entity => ({
    id: String(n.id),
    type: n.type,
    created_at: n.created_at,
    account: account(user(String(n.actor_id))!),
    ...(n.emoji ? { emoji: n.emoji } : {}),
    pleroma: { is_seen: n.seen === 1 },
  });
  const statusRows = (ids: readonly string[]) => {
    const n = numeric(ids);
    return n.length === 0 ? [] : (db.prepare(`select * from statuses where id in (${marks(n)})`).all(...n) as StatusRow[]);
  };
  const pages = <T>(rows: readonly T[], size: number) => (async function* () {
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
  })();

  return {
    auth: {
      async authenticateToken(token) {
        const row = db.prepare("select user_id, scopes from tokens where token_hash = ?").get(sha256(token)) as { user_id: number; scopes: string } | undefined;
        return row ? principal(user(String(row.user_id)), row.scopes.split(" "), "token") : null;
      },
      authenticateSession: async () => null, // this server has no session cookies
      async authenticateBasic(login, password) {
        const u = db.prepare("select * from users where nickname = ? or email = ?").get(login, login) as UserRow | undefined;
        return u && (await verifyPassword(password, u.password_hash)) ? principal(u, "all", "basic") : null;
      },
    },
    accounts: {
      async get(id) {
        const u = user(id);
        return u && { id: String(u.id), nickname: u.nickname, isLocal: true, isActive: u.is_active === 1, email: u.email };
      },
      activeAmong: async (ids) => new Set(users(ids).filter((u) => u.is_active === 1).map((u) => String(u.id))),
      async findByNickname(nickname) {
        const u = db.prepare("select * from users where nickname = ?").get(nickname.replace(new RegExp(`@${host}$`), "")) as UserRow | undefined;
        return u ? { id: String(u.id), nickname: u.nickname, isLocal: true, isActive: u.is_active === 1, email: u.email } : null;
      },
      render: async (ids) => new Map(users(ids).filter((u) => u.is_active === 1).map((u) => [String(u.id), account(u)])),
    },
    statuses: {
      async getVisible(id, viewerId) {
        const row = statusRows([id])[0];
        if (!row || !canSee(row, viewerId)) return null;
        return { id: String(row.id), authorId: String(row.author_id), visibility: row.visibility, addressedTo: mentionsOf(row), createdAt: new Date(row.created_at) };
      },
      async render(ids, viewerId) {
        const rows = statusRows(ids).filter((row) => canSee(row, viewerId));
        return new Map(renderStatuses(rows).map((e) => [e.id as string, e]));
      },
    },
    relationships: {
      async hiddenFor(viewerId, ids, { includeMuted }) {
        return new Set([...related("block", viewerId, ids), ...(includeMuted ? [] : related("mute", viewerId, ids))]);
      },
    },
    notifications: {
      async create(request) {
        const { recipientId, actorId } = request;
        if (recipientId === actorId || related("block", recipientId, [actorId]).size > 0) return;
        db.prepare("insert into notifications (user_id, actor_id, type, status_id, emoji, created_at) values (?, ?, ?, ?, ?, ?)")
          .run(Number(recipientId), Number(actorId), request.type, request.statusId ? Number(request.statusId) : null, request.emoji ?? null, new Date().toISOString());
      },
      async markOneRead(userId, id) {
        const row = db.prepare("update notifications set seen = 1 where id = ? and user_id = ? returning *").get(Number(id) || 0, Number(userId));
        return row ? notification(row as never) : null;
      },
      async markReadUpTo(userId, maxId, limit) {
        const max = /^\d{1,15}$/.test(maxId) ? Number(maxId) : Number.MAX_SAFE_INTEGER;
        const rows = db.prepare("update notifications set seen = 1 where user_id = ? and seen = 0 and id <= ? returning *").all(Number(userId), max);
        return (rows as never[]).slice(0, limit).map(notification);
      },
    },
    federation: { publish: async () => {} }, // this server does not federate
    accountSecurity: {
      async checkPassword(userId, password) {
        const u = user(userId);
        return !!u && u.is_active === 1 && (await verifyPassword(password, u.password_hash));
      },
      async findByLogin(login) {
        const u = db.prepare("select * from users where lower(nickname) = lower(?) or lower(email) = lower(?)").get(login, login) as UserRow | undefined;
        return u ? { id: String(u.id), nickname: u.nickname, email: u.email } : null;
      },
      deleteAccount: async (userId) => void db.transaction(() => {
        db.prepare("update users set is_active = 0, email = null where id = ?").run(Number(userId));
        db.prepare("delete from tokens where user_id = ?").run(Number(userId));
      })(),
      disableAccount: async (userId) => void db.transaction(() => {
        db.prepare("update users set is_active = 0 where id = ?").run(Number(userId));
        db.prepare("delete from tokens where user_id = ?").run(Number(userId));
      })(),
      async changeEmail(userId, email) {
        const taken = email !== "" && db.prepare("select 1 from users where email = ? and id != ?").get(email, Number(userId));
        if (taken) return "taken";
        db.prepare("update users set email = ? where id = ?").run(email === "" ? null : email, Number(userId));
        return null;
      },
      confirmationMail: async () => null, // no email confirmation on this server
      async resolveAccount(handle) {
        const u = db.prepare("select * from users where nickname = ?").get(handle.replace(new RegExp(`@${host}$`), "")) as UserRow | undefined;
        return u ? { id: String(u.id), actorUri: `${baseUrl}/users/${u.nickname}`, isLocal: true, alsoKnownAs: [] } : null;
      },
      moveFollowers: async () => {}, // local-only server: no remote moves to follow
      issueLoginToken: async () => null, // this server's login has no OAuth clients, so no MFA login challenge
    },
    backupSource: {
      async actor(userId) {
        const u = user(userId);
        if (!u) return null;
        const id = `${baseUrl}/users/${u.nickname}`;
        return { "@context": "https://www.w3.org/ns/activitystreams", id, type: "Person", preferredUsername: u.nickname, inbox: `${id}/inbox`, outbox: `${id}/outbox` };
      },
      outbox(userId, { pageSize }) {
        const rows = db.prepare("select * from statuses where author_id = ? order by id").all(Number(userId)) as StatusRow[];
        const actor = `${baseUrl}/users/${user(userId)?.nickname}`;
        const activities = rows.map((row): Entity => ({
          id: `${baseUrl}/activities/${row.id}`,
          type: "Create",
          actor,
          published: row.created_at,
          object: { id: `${baseUrl}/objects/${row.id}`, type: "Note", attributedTo: actor, content: escapeHtml(row.text), published: row.created_at },
        }));
        return pages(activities, pageSize);
      },
      likes: () => pages([], 1), // no likes on this server
      bookmarks: () => pages([], 1),
      relations(userId, kind, { pageSize }) {
        const k = kind === "following" ? "follow" : kind === "blocks" ? "block" : "mute";
        const rows = db.prepare("select u.nickname from follows f join users u on u.id = f.to_id where f.kind = ? and f.from_id = ? order by f.to_id").all(k, Number(userId)) as { nickname: string }[];
        return pages(rows.map((r) => `${r.nickname}@${host}`), pageSize);
      },
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
