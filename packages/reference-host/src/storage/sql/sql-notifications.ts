/** Notifications in SQL. */
import type { HostData, NotificationRow } from "../../host-data.js";
import { boolValue, dateValue, toBool, toDate, type SqlContext } from "@pleroma-kit/store-sql/extend";
import { nullableString, runPage, unique, type Row } from "./sql-rows.js";

export function sqlNotifications(ctx: SqlContext): HostData["notifications"] {
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
