import type { ReactionGroup, ReactionStore } from "@pleroma-kit/core";
import { sql } from "kysely";
import { dateValue, type SqlContext } from "../sql-context.js";

const keyOf = (r: { name: string; url: string | null }) => r.url ?? `unicode:${r.name}`;

/**
 * Reactions in SQL. The primary key (status, user, emoji_key) makes `add` idempotent under
 * concurrency: `on conflict do nothing` lets exactly one of identical parallel adds insert.
 */
export function sqlReactions(ctx: SqlContext): ReactionStore {
  const { db, t } = ctx;
  const table = t("reactions");
  return {
    async add(row) {
      const result = await db
        .insertInto(table)
        .values({
          status_id: row.statusId,
          user_id: row.userId,
          emoji_key: keyOf(row),
          name: row.name,
          url: row.url,
          created_at: dateValue(ctx, row.createdAt),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(statusId, userId, key) {
      const result = await db
        .deleteFrom(table)
        .where("status_id", "=", statusId)
        .where("user_id", "=", userId)
        .where("emoji_key", "=", keyOf(key))
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async groupsFor(statusIds) {
      const out = new Map<string, ReactionGroup[]>();
      const ids = [...new Set(statusIds)];
      if (ids.length === 0) return out;
      // One query; rows come newest first, and each group's first use orders the groups.
      const rows = await db
        .selectFrom(table)
        .select(["status_id", "user_id", "emoji_key", "name", "url", "created_at"])
        .select(sql<string>`min(created_at) over (partition by status_id, emoji_key)`.as("first_use"))
        .where("status_id", "in", ids)
        .orderBy("status_id")
        .orderBy("first_use")
        .orderBy("emoji_key")
        .orderBy("created_at", "desc")
        .orderBy(sql.raw(ctx.dialect === "postgres" ? "seq" : "rowid"), "desc")
        .execute();
      let current: { statusId: string; key: string; group: { name: string; url: string | null; userIds: string[] } } | null = null;
      for (const r of rows as Array<Record<string, unknown>>) {
        const statusId = String(r.status_id);
        const key = String(r.emoji_key);
        if (!current || current.statusId !== statusId || current.key !== key) {
          current = { statusId, key, group: { name: String(r.name), url: (r.url as string | null) ?? null, userIds: [] } };
          const list = out.get(statusId) ?? [];
          list.push(current.group);
          out.set(statusId, list);
        }
        current.group.userIds.push(String(r.user_id));
      }
      return out;
    },
  };
}
