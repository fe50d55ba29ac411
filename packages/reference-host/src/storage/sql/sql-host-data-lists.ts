/**
 * The SQL methods of `HostData` that pleroma-fe's polling and pages need beyond the original port:
 * account search (mention autocomplete), apps by id, a user's tokens and refresh tokens, threads
 * and the direct timeline. Each is one statement over an index of the migrations.
 */
import { sql, type Expression, type SqlBool } from "kysely";
import { boolValue, type SqlContext } from "@pleroma-kit/store-sql/extend";
import type { AppRow, HostData, StatusRow, TokenRow, UserRow } from "../../host-data.js";
import { runPage, type Row } from "./sql-rows.js";

/** `LIKE` pattern for "starts with `prefix`", with `!` escaping the wildcards. */
const startsWith = (prefix: string) => `${prefix.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

export function sqlUserSearch(ctx: SqlContext, toRow: (r: Row) => UserRow): Pick<HostData["users"], "search"> {
  const { db, t } = ctx;
  return {
    async search(prefix, limit) {
      const n = Math.floor(limit);
      if (!Number.isFinite(n) || n <= 0) return [];
      const pattern = startsWith(prefix);
      const rows = await db
        .selectFrom(t("users"))
        .selectAll()
        .where("is_active", "=", boolValue(ctx, true))
        .where(
          (eb) =>
            sql<SqlBool>`(${eb.ref("nickname_key")} like ${pattern} escape '!' or lower(${eb.ref("display_name")}) like ${pattern} escape '!')` as unknown as Expression<SqlBool>,
        )
        .orderBy("nickname_key")
        .limit(n)
        .execute();
      return (rows as Row[]).map(toRow);
    },
  };
}

export function sqlAppsById(ctx: SqlContext, toRow: (r: Row) => AppRow): Pick<HostData["apps"], "byIds"> {
  const { db, t } = ctx;
  return {
    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom(t("apps")).selectAll().where("id", "in", [...new Set(ids)]).execute();
      return (rows as Row[]).map(toRow);
    },
  };
}

export function sqlTokenLists(ctx: SqlContext, toRow: (r: Row) => TokenRow): Pick<HostData["tokens"], "byUser" | "revokeById" | "byRefreshHash"> {
  const { db, t } = ctx;
  const table = t("tokens");
  return {
    async byUser(userId) {
      const rows = await db.selectFrom(table).selectAll().where("user_id", "=", userId).orderBy("id", "desc").execute();
      return (rows as Row[]).map(toRow);
    },
    async revokeById(userId, id) {
      const result = await db.deleteFrom(table).where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async byRefreshHash(refreshHash) {
      const r = await db.selectFrom(table).selectAll().where("refresh_hash", "=", refreshHash).executeTakeFirst();
      return r ? toRow(r as Row) : null;
    },
  };
}

export function sqlThreads(ctx: SqlContext, toRow: (r: Row) => StatusRow): Pick<HostData["statuses"], "byContext" | "directFor"> {
  const { db, t } = ctx;
  const table = t("statuses");
  return {
    async byContext(contextId) {
      const rows = await db.selectFrom(table).selectAll().where("context_id", "=", contextId).orderBy("id", "asc").execute();
      return (rows as Row[]).map(toRow);
    },
    async directFor(userId, page) {
      // mention_ids is a JSON array of ids: an exact quoted id is a member.
      const member = `%${JSON.stringify(userId)}%`;
      const query = db
        .selectFrom(table)
        .selectAll()
        .where("visibility", "=", "direct")
        .where((eb) => eb.or([eb("author_id", "=", userId), eb("mention_ids", "like", member)]));
      return (await runPage(query, "id", page)).map(toRow);
    },
  };
}
