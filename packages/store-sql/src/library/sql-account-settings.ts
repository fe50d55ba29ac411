import type { AccountSettingsStore, NotificationSettings } from "@pleroma-kit/core";
import { sql } from "kysely";
import { dateValue, type SqlContext } from "../sql-context.js";

/**
 * Notification settings and aliases in SQL. A partial settings update writes only the given
 * columns (an upsert), so two updates of different fields never undo each other; alias adds and
 * removes are single statements on the (user, alias) key.
 */
export function sqlAccountSettings(ctx: SqlContext): AccountSettingsStore {
  const { db, t } = ctx;
  const settings = t("notification_settings");
  const aliases = t("aliases");
  const read = async (userId: string): Promise<NotificationSettings> => {
    const row = await db.selectFrom(settings).selectAll().where("user_id", "=", userId).executeTakeFirst();
    return {
      blockFromStrangers: Number(row?.block_from_strangers ?? 0) === 1,
      hideNotificationContents: Number(row?.hide_notification_contents ?? 0) === 1,
    };
  };
  return {
    notificationSettings: read,
    async updateNotificationSettings(userId, patch) {
      const set: Record<string, number> = {};
      if (patch.blockFromStrangers !== undefined) set.block_from_strangers = patch.blockFromStrangers ? 1 : 0;
      if (patch.hideNotificationContents !== undefined) set.hide_notification_contents = patch.hideNotificationContents ? 1 : 0;
      await db
        .insertInto(settings)
        .values({ user_id: userId, block_from_strangers: 0, hide_notification_contents: 0, ...set })
        .onConflict((oc) => (Object.keys(set).length > 0 ? oc.column("user_id").doUpdateSet(set) : oc.column("user_id").doNothing()))
        .execute();
      return read(userId);
    },
    async aliases(userId) {
      const rows = await db
        .selectFrom(aliases)
        .select("alias_id")
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .orderBy(sql.raw(ctx.dialect === "postgres" ? "seq" : "rowid"))
        .execute();
      return rows.map((r: { alias_id: string }) => r.alias_id);
    },
    async addAlias(userId, aliasId) {
      const r = await db
        .insertInto(aliases)
        .values({ user_id: userId, alias_id: aliasId, created_at: dateValue(ctx, new Date()) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async removeAlias(userId, aliasId) {
      const r = await db.deleteFrom(aliases).where("user_id", "=", userId).where("alias_id", "=", aliasId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async deleteUser(userId) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom(settings).where("user_id", "=", userId).execute();
        await trx.deleteFrom(aliases).where("user_id", "=", userId).execute();
      });
    },
  };
}
