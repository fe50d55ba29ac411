import {
  UniqueViolation,
  type AppRow,
  type HostData,
  type NotificationRow,
  type PageQuery,
  type PleromaProfile,
  type StatusRow,
  type TokenRow,
  type UserPatch,
  type UserRow,
} from "../../host-data.js";
import type { Visibility } from "@pleroma-kit/core";
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import {
  boolValue,
  dateValue,
  isUniqueViolation,
  sqlContext,
  toBool,
  toDate,
  toNumber,
  type SqlContext,
  type SqlStoreOptions,
} from "@pleroma-kit/store-sql/extend";
import { sqlAppsById, sqlThreads, sqlTokenLists, sqlUserSearch } from "./sql-host-data-lists.js";

export type Row = Record<string, unknown>;
// biome-ignore lint: dynamic table names, see SqlContext.
export type AnyQuery = SelectQueryBuilder<any, any, any>;

/**
 * The reference host's storage (`HostData`) in SQL, over the tables `migrateReferenceHost` creates.
 * Every method is one statement (two for a user update that renames), batch methods take a list
 * and answer with one query, and concurrency is kept by the database: unique keys make
 * `relations.add` and `favourites.add` idempotent (exactly one of parallel identical adds wins),
 * and conditional updates make `notifications.markSeenUpTo` return each row to one caller only.
 *
 * @example
 * await migrateReferenceHost(db, { dialect: "sqlite" });
 * const data = createSqlHostData(db, { dialect: "sqlite" });
 */
// biome-ignore lint: dynamic table names, see SqlContext.
export function createSqlHostData(db: Kysely<any>, options: SqlStoreOptions): HostData {
  const ctx = sqlContext(db, options);
  return {
    users: { ...sqlUsers(ctx), ...sqlUserSearch(ctx, toUserRow) },
    apps: { ...sqlApps(ctx), ...sqlAppsById(ctx, toAppRow) },
    tokens: { ...sqlTokens(ctx), ...sqlTokenLists(ctx, toTokenRow) },
    statuses: { ...sqlStatuses(ctx), ...sqlThreads(ctx, toStatusRow) },
    relations: sqlRelations(ctx),
    favourites: sqlFavourites(ctx),
    notifications: sqlNotifications(ctx),
  };
}

/** Lower-cased nickname; a remote account stored as bare `nick` is keyed `nick@domain`. */
const nicknameKey = (nickname: string, domain: string | null) =>
  (domain && !nickname.includes("@") ? `${nickname}@${domain}` : nickname).toLowerCase();

const emailKey = (email: string | null) => (email === null ? null : email.toLowerCase());

/** Which unique key a violation hit, named as the port's field. */
function violatedField(error: unknown, fields: Record<string, string>): string {
  const e = error as { constraint?: string; message?: string };
  const where = `${e.constraint ?? ""} ${e.message ?? ""}`;
  for (const [needle, field] of Object.entries(fields)) if (where.includes(needle)) return field;
  return "id";
}

async function unique<T>(fields: Record<string, string>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new UniqueViolation(violatedField(error, fields));
    throw error;
  }
}

const jsonList = (value: unknown): string[] => {
  const parsed: unknown = JSON.parse(String(value ?? "[]"));
  return Array.isArray(parsed) ? parsed.map(String) : [];
};

const nullableString = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/**
 * Runs a page over a sortable id column, newest first. With `minId` the rows right after it are
 * selected ascending (the page just above) and then reversed, so every page reads newest first.
 */
export async function runPage(query: AnyQuery, column: string, page: PageQuery, asKey: (id: string) => unknown = (id) => id): Promise<Row[]> {
  const limit = Math.floor(page.limit);
  if (!Number.isFinite(limit) || limit <= 0) return [];
  let q: AnyQuery = query;
  const bound = (id: string | undefined) => (id === undefined || id === "" ? undefined : asKey(id));
  const maxId = bound(page.maxId);
  const sinceId = bound(page.sinceId);
  // `minId: ""` is below every id: the page at the very beginning (how callers walk oldest first).
  const fromStart = page.minId === "";
  const minId = bound(page.minId);
  const ascending = fromStart || minId !== undefined;
  if (maxId !== undefined) q = q.where(column, "<", maxId);
  if (sinceId !== undefined) q = q.where(column, ">", sinceId);
  if (minId !== undefined) q = q.where(column, ">", minId);
  q = q.orderBy(column, ascending ? "asc" : "desc");
  const rows = (await q.limit(limit).execute()) as Row[];
  return ascending ? rows.reverse() : rows;
}

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

export const toStatusRow = (r: Row): StatusRow => ({
  id: String(r.id),
  authorId: String(r.author_id),
  content: String(r.content),
  spoilerText: String(r.spoiler_text),
  visibility: String(r.visibility) as Visibility,
  inReplyToId: nullableString(r.in_reply_to_id),
  contextId: String(r.context_id),
  mentionIds: jsonList(r.mention_ids),
  sensitive: toBool(r.sensitive),
  createdAt: toDate(r.created_at),
});

function sqlUsers(ctx: SqlContext): Omit<HostData["users"], "search"> {
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
    if (u.allowFollowingMove !== undefined) out.allow_following_move = b(u.allowFollowingMove);
    if (u.profile !== undefined) out.profile = JSON.stringify(u.profile);
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
  };
}

function sqlApps(ctx: SqlContext): Omit<HostData["apps"], "byIds"> {
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

function sqlTokens(ctx: SqlContext): Omit<HostData["tokens"], "byUser" | "revokeById" | "byRefreshHash"> {
  const { db, t } = ctx;
  const table = t("tokens");
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
  };
}

/** Counts per key for a batch, in one grouped query; every asked id is present (0 when none). */
async function countsBy(query: AnyQuery, column: string, ids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  for (const id of unique) out.set(id, 0);
  const rows = await query
    .select([column, sql<number>`count(*)`.as("n")])
    .where(column, "in", unique)
    .groupBy(column)
    .execute();
  for (const r of rows as Row[]) out.set(String(r[column]), toNumber(r.n));
  return out;
}

function sqlStatuses(ctx: SqlContext): Omit<HostData["statuses"], "byContext" | "directFor"> {
  const { db, t } = ctx;
  const table = t("statuses");
  const toRow = toStatusRow;
  return {
    async create(status) {
      await unique({}, () =>
        db
          .insertInto(table)
          .values({
            id: status.id,
            author_id: status.authorId,
            content: status.content,
            spoiler_text: status.spoilerText,
            visibility: status.visibility,
            in_reply_to_id: status.inReplyToId,
            context_id: status.contextId,
            mention_ids: JSON.stringify(status.mentionIds),
            sensitive: boolValue(ctx, status.sensitive),
            created_at: dateValue(ctx, status.createdAt),
          })
          .execute(),
      );
      return status;
    },
    async byId(id) {
      const r = await db.selectFrom(table).selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toRow(r) : null;
    },
    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom(table).selectAll().where("id", "in", [...new Set(ids)]).execute();
      return rows.map(toRow);
    },
    async delete(id) {
      const r = await db.deleteFrom(table).where("id", "=", id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async byAuthor(authorId, page) {
      return (await runPage(db.selectFrom(table).selectAll().where("author_id", "=", authorId), "id", page)).map(toRow);
    },
    async byVisibility(visibilities, page) {
      if (visibilities.length === 0) return [];
      return (await runPage(db.selectFrom(table).selectAll().where("visibility", "in", [...visibilities]), "id", page)).map(toRow);
    },
    countByAuthor: (authorIds) => countsBy(db.selectFrom(table), "author_id", authorIds),
    replyCounts: (ids) => countsBy(db.selectFrom(table), "in_reply_to_id", ids),
  };
}

function sqlRelations(ctx: SqlContext): HostData["relations"] {
  const { db, t } = ctx;
  const table = t("relations");
  const ids = (rows: Row[], column: string) => rows.map((r) => String(r[column]));
  return {
    async add(kind, fromId, toId) {
      const r = await db
        .insertInto(table)
        .values({ kind, from_id: fromId, to_id: toId, created_at: dateValue(ctx, new Date()) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(kind, fromId, toId) {
      const r = await db.deleteFrom(table).where("kind", "=", kind).where("from_id", "=", fromId).where("to_id", "=", toId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async among(kind, fromId, toIds) {
      if (toIds.length === 0) return new Set();
      const rows = await db
        .selectFrom(table)
        .select("to_id")
        .where("kind", "=", kind)
        .where("from_id", "=", fromId)
        .where("to_id", "in", [...new Set(toIds)])
        .execute();
      return new Set(ids(rows, "to_id"));
    },
    async towards(kind, fromIds, toId) {
      if (fromIds.length === 0) return new Set();
      const rows = await db
        .selectFrom(table)
        .select("from_id")
        .where("kind", "=", kind)
        .where("to_id", "=", toId)
        .where("from_id", "in", [...new Set(fromIds)])
        .execute();
      return new Set(ids(rows, "from_id"));
    },
    async allTowards(kind, toId) {
      const rows = await db.selectFrom(table).select("from_id").where("kind", "=", kind).where("to_id", "=", toId).orderBy("from_id").execute();
      return ids(rows, "from_id");
    },
    async allFrom(kind, fromId) {
      const rows = await db.selectFrom(table).select("to_id").where("kind", "=", kind).where("from_id", "=", fromId).orderBy("to_id").execute();
      return ids(rows, "to_id");
    },
    countTowards: (kind, toIds) => countsBy(db.selectFrom(table).where("kind", "=", kind), "to_id", toIds),
    countFrom: (kind, fromIds) => countsBy(db.selectFrom(table).where("kind", "=", kind), "from_id", fromIds),
  };
}

function sqlFavourites(ctx: SqlContext): HostData["favourites"] {
  const { db, t } = ctx;
  const table = t("favourites");
  // Favourite ids are integers; a bound that is not one cannot match any id, so it is ignored.
  const asKey = (id: string) => (/^\d{1,18}$/.test(id) ? Number(id) : undefined);
  return {
    async add(userId, statusId, at) {
      const r = await db
        .insertInto(table)
        .values({ user_id: userId, status_id: statusId, created_at: dateValue(ctx, at) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(userId, statusId) {
      const r = await db.deleteFrom(table).where("user_id", "=", userId).where("status_id", "=", statusId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async among(userId, statusIds) {
      if (statusIds.length === 0) return new Set();
      const rows = await db
        .selectFrom(table)
        .select("status_id")
        .where("user_id", "=", userId)
        .where("status_id", "in", [...new Set(statusIds)])
        .execute();
      return new Set(rows.map((r) => String(r.status_id)));
    },
    counts: (statusIds) => countsBy(db.selectFrom(table), "status_id", statusIds),
    async byUser(userId, page) {
      const rows = await runPage(db.selectFrom(table).select(["id", "status_id"]).where("user_id", "=", userId), "id", page, asKey);
      return rows.map((r) => ({ favouriteId: String(r.id), statusId: String(r.status_id) }));
    },
  };
}

function sqlNotifications(ctx: SqlContext): HostData["notifications"] {
  const { db, t } = ctx;
  const table = t("notifications");
  const toRow = (r: Row): NotificationRow => ({
    id: String(r.id),
    userId: String(r.user_id),
    type: String(r.type),
    actorId: String(r.actor_id),
    statusId: nullableString(r.status_id),
    emoji: nullableString(r.emoji),
    emojiUrl: nullableString(r.emoji_url),
    targetId: nullableString(r.target_id),
    seen: toBool(r.seen),
    createdAt: toDate(r.created_at),
  });
  return {
    async create(row) {
      await unique({}, () =>
        db
          .insertInto(table)
          .values({
            id: row.id,
            user_id: row.userId,
            type: row.type,
            actor_id: row.actorId,
            status_id: row.statusId,
            emoji: row.emoji,
            emoji_url: row.emojiUrl,
            target_id: row.targetId,
            seen: boolValue(ctx, row.seen),
            created_at: dateValue(ctx, row.createdAt),
          })
          .execute(),
      );
      return row;
    },
    async byId(id) {
      const r = await db.selectFrom(table).selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toRow(r) : null;
    },
    async list(userId, page) {
      return (await runPage(db.selectFrom(table).selectAll().where("user_id", "=", userId), "id", page)).map(toRow);
    },
    async markSeen(userId, id) {
      const r = await db
        .updateTable(table)
        .set({ seen: boolValue(ctx, true) })
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .returningAll()
        .executeTakeFirst();
      return r ? toRow(r) : null;
    },
    async markSeenUpTo(userId, maxId) {
      // The `seen = false` condition is re-checked under the row lock, so of two parallel calls
      // each row is returned by the one that changed it.
      const rows = await db
        .updateTable(table)
        .set({ seen: boolValue(ctx, true) })
        .where("user_id", "=", userId)
        .where("seen", "=", boolValue(ctx, false))
        .where("id", "<=", maxId)
        .returningAll()
        .execute();
      return rows.map(toRow).sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    },
  };
}
