/** Users, OAuth apps and tokens in SQL. */
import { sql } from "kysely";
import type { AccountStats, HostData, PleromaProfile, UserPatch, UserRow, AppRow, TokenRow } from "../../host-data.js";
import { boolValue, dateValue, toBool, toDate, toNumber, type SqlContext } from "@pleroma-kit/store-sql/extend";
import { jsonList, nullableString, unique, type Row } from "./sql-rows.js";
import { listUsers } from "./sql-user-list.js";

/** Lower-cased nickname; a remote account stored as bare `nick` is keyed `nick@domain`. */
export const nicknameKey = (nickname: string, domain: string | null) =>
  (domain && !nickname.includes("@") ? `${nickname}@${domain}` : nickname).toLowerCase();

export const emailKey = (email: string | null) => (email === null ? null : email.toLowerCase());

/** A users row as the port names it. */
export const toUserRow = (r: Row): UserRow => ({
    id: String(r.id),
    nickname: String(r.nickname),
    email: nullableString(r.email),
    passwordHash: String(r.password_hash),
    displayName: String(r.display_name),
    note: String(r.note),
    isAdmin: toBool(r.is_admin),
    isModerator: toBool(r.is_moderator),
    isActive: toBool(r.is_active),
    isConfirmed: toBool(r.is_confirmed),
    isLocked: toBool(r.is_locked),
    domain: nullableString(r.domain),
    avatarUrl: nullableString(r.avatar_url),
    headerUrl: nullableString(r.header_url),
    hideFavorites: toBool(r.hide_favorites),
    allowFollowingMove: toBool(r.allow_following_move),
    ...(r.profile ? { profile: JSON.parse(String(r.profile)) as PleromaProfile } : {}),
    createdAt: toDate(r.created_at),
});

export function sqlUsers(ctx: SqlContext): Omit<HostData["users"], "search"> {
  const { db, t } = ctx;
  const table = t("users");
  const fields = { nickname: "nickname", email: "email" };
  const toRow = toUserRow;
  // Port field -> column writer, for create and update alike.
  const columns = (u: UserPatch): Row => {
    const out: Row = {};
    const b = (v: boolean) => boolValue(ctx, v);
    if (u.nickname !== undefined) out.nickname = u.nickname;
    if (u.email !== undefined) {
      out.email = u.email;
      out.email_key = emailKey(u.email);
    }
    if (u.passwordHash !== undefined) out.password_hash = u.passwordHash;
    if (u.displayName !== undefined) out.display_name = u.displayName;
    if (u.note !== undefined) out.note = u.note;
    if (u.isAdmin !== undefined) out.is_admin = b(u.isAdmin);
    if (u.isModerator !== undefined) out.is_moderator = b(u.isModerator);
    if (u.isActive !== undefined) out.is_active = b(u.isActive);
    if (u.isConfirmed !== undefined) out.is_confirmed = b(u.isConfirmed);
    if (u.isLocked !== undefined) out.is_locked = b(u.isLocked);
    if (u.domain !== undefined) out.domain = u.domain;
    if (u.avatarUrl !== undefined) out.avatar_url = u.avatarUrl;
    if (u.headerUrl !== undefined) out.header_url = u.headerUrl;
    if (u.hideFavorites !== undefined) out.hide_favorites = b(u.hideFavorites);
    if (u.profile !== undefined) out.profile = JSON.stringify(u.profile);
    if (u.allowFollowingMove !== undefined) out.allow_following_move = b(u.allowFollowingMove);
    return out;
  };
  const byId = async (id: string) => {
    const r = await db.selectFrom(table).selectAll().where("id", "=", id).executeTakeFirst();
    return r ? toRow(r) : null;
  };
  return {
    async create(user) {
      const createdAt = user.createdAt ?? new Date();
      const values = {
        id: user.id,
        ...columns(user),
        nickname_key: nicknameKey(user.nickname, user.domain),
        email_key: emailKey(user.email),
        created_at: dateValue(ctx, createdAt),
      };
      await unique(fields, () => db.insertInto(table).values(values).execute());
      return toRow({ ...values, created_at: createdAt });
    },
    byId,
    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom(table).selectAll().where("id", "in", [...new Set(ids)]).execute();
      return rows.map(toRow);
    },
    list: (filter, offset, limit) => listUsers(ctx, filter, offset, limit, toRow),
    async byNickname(nickname) {
      const r = await db.selectFrom(table).selectAll().where("nickname_key", "=", nickname.toLowerCase()).executeTakeFirst();
      return r ? toRow(r) : null;
    },
    async byEmail(email) {
      const r = await db.selectFrom(table).selectAll().where("email_key", "=", email.toLowerCase()).executeTakeFirst();
      return r ? toRow(r) : null;
    },
    async update(id, patch) {
      const values = columns(patch);
      if (Object.keys(values).length === 0) return byId(id);
      return unique(fields, () =>
        db.transaction().execute(async (trx) => {
          if (patch.nickname !== undefined || patch.domain !== undefined) {
            // The key depends on both fields: read the one the patch leaves unchanged.
            const current = await trx.selectFrom(table).select(["nickname", "domain"]).where("id", "=", id).executeTakeFirst();
            if (!current) return null;
            values.nickname_key = nicknameKey(patch.nickname ?? String(current.nickname), patch.domain !== undefined ? patch.domain : nullableString(current.domain));
          }
          const r = await trx.updateTable(table).set(values).where("id", "=", id).returningAll().executeTakeFirst();
          return r ? toRow(r) : null;
        }),
      );
    },
    async count() {
      const r = await db.selectFrom(table).select(sql<number>`count(*)`.as("n")).executeTakeFirst();
      return toNumber(r?.n);
    },
    async stats(ids) {
      const out = new Map<string, AccountStats>();
      if (ids.length === 0) return out;
      // One statement: each correlated count is an index seek (relations_pk, relations_towards,
      // statuses_author_id), the newest status one step down statuses_author_id.
      const relations = t("relations");
      const statuses = t("statuses");
      const rows = await db
        .selectFrom(`${table} as u`)
        .select([
          "u.id",
          sql<number>`(select count(*) from ${sql.table(relations)} r where r.kind = 'follow' and r.to_id = u.id)`.as("followers"),
          sql<number>`(select count(*) from ${sql.table(relations)} r where r.kind = 'follow' and r.from_id = u.id)`.as("following"),
          sql<number>`(select count(*) from ${sql.table(statuses)} s where s.author_id = u.id)`.as("statuses"),
          sql<unknown>`(select s.created_at from ${sql.table(statuses)} s where s.author_id = u.id order by s.id desc limit 1)`.as("last_at"),
        ])
        .where("u.id", "in", [...new Set(ids)])
        .execute();
      for (const r of rows as Row[]) {
        out.set(String(r.id), {
          followers: toNumber(r.followers),
          following: toNumber(r.following),
          statuses: toNumber(r.statuses),
          lastStatusAt: r.last_at === null || r.last_at === undefined ? null : toDate(r.last_at),
        });
      }
      return out;
    },
  };
}

/** An apps row as the port names it. */
export const toAppRow = (r: Row): AppRow => ({
  id: String(r.id),
  clientId: String(r.client_id),
  clientSecret: String(r.client_secret),
  name: String(r.name),
  website: nullableString(r.website),
  redirectUris: String(r.redirect_uris),
  scopes: jsonList(r.scopes),
  createdAt: toDate(r.created_at),
});

export function sqlApps(ctx: SqlContext): Omit<HostData["apps"], "byIds"> {
  const { db, t } = ctx;
  const table = t("apps");
  const toRow = toAppRow;
  return {
    async create(app) {
      await unique({ client: "clientId" }, () =>
        db
          .insertInto(table)
          .values({
            id: app.id,
            client_id: app.clientId,
            client_secret: app.clientSecret,
            name: app.name,
            website: app.website,
            redirect_uris: app.redirectUris,
            scopes: JSON.stringify(app.scopes),
            created_at: dateValue(ctx, app.createdAt),
          })
          .execute(),
      );
      return app;
    },
    async byClientId(clientId) {
      const r = await db.selectFrom(table).selectAll().where("client_id", "=", clientId).executeTakeFirst();
      return r ? toRow(r) : null;
    },
  };
}

/** Every column of the users table, selected as `u_<column>` next to a token in one join. */
const USER_COLUMNS = [
  "id", "nickname", "email", "password_hash", "display_name", "note", "is_admin", "is_moderator", "is_active",
  "is_confirmed", "is_locked", "domain", "avatar_url", "header_url", "hide_favorites", "allow_following_move", "profile", "created_at",
] as const;
const TOKEN_COLUMNS = ["id", "token_hash", "app_id", "user_id", "scopes", "created_at", "expires_at", "refresh_hash"] as const;

/** A tokens row as the port names it. */
export const toTokenRow = (r: Row): TokenRow => ({
  id: String(r.id),
  tokenHash: String(r.token_hash),
  appId: String(r.app_id),
  userId: nullableString(r.user_id),
  scopes: jsonList(r.scopes),
  createdAt: toDate(r.created_at),
  expiresAt: r.expires_at === null || r.expires_at === undefined ? null : toDate(r.expires_at),
  ...(r.refresh_hash ? { refreshHash: String(r.refresh_hash) } : {}),
});

export function sqlTokens(ctx: SqlContext): Omit<HostData["tokens"], "byUser" | "revokeById" | "byRefreshHash"> {
  const { db, t } = ctx;
  const table = t("tokens");
  const users = t("users");
  const toRow = toTokenRow;
  return {
    async create(token) {
      await unique({ hash: "tokenHash" }, () =>
        db
          .insertInto(table)
          .values({
            id: token.id,
            token_hash: token.tokenHash,
            app_id: token.appId,
            user_id: token.userId,
            scopes: JSON.stringify(token.scopes),
            created_at: dateValue(ctx, token.createdAt),
            expires_at: token.expiresAt ? dateValue(ctx, token.expiresAt) : null,
            refresh_hash: token.refreshHash ?? null,
          })
          .execute(),
      );
      return token;
    },
    async byHash(tokenHash) {
      const r = await db.selectFrom(table).selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
      return r ? toRow(r) : null;
    },
    async revokeForUser(userId) {
      await db.deleteFrom(table).where("user_id", "=", userId).execute();
    },
    async revoke(tokenHash) {
      const result = await db.deleteFrom(table).where("token_hash", "=", tokenHash).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async byHashWithUser(tokenHash) {
      const r = (await db
        .selectFrom(`${table} as tk`)
        .leftJoin(`${users} as u`, "u.id", "tk.user_id")
        .select([...TOKEN_COLUMNS.map((c) => `tk.${c} as t_${c}`), ...USER_COLUMNS.map((c) => `u.${c} as u_${c}`)])
        .where("tk.token_hash", "=", tokenHash)
        .executeTakeFirst()) as Row | undefined;
      if (!r) return null;
      const part = (prefix: string) => Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])));
      const user = part("u_");
      return { token: toRow(part("t_")), user: user.id === null || user.id === undefined ? null : toUserRow(user) };
    },
  };
}

