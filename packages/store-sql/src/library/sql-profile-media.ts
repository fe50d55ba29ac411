import type { ProfileMediaStore, StoredAttachment } from "@pleroma-kit/core";
import type { SqlContext } from "../sql-context.js";

/** Mascots (JSON) and background image URLs in SQL; writes are single upserts (last write wins). */
export function sqlProfileMedia(ctx: SqlContext): ProfileMediaStore {
  const { db, t } = ctx;
  const mascots = t("mascots");
  const backgrounds = t("background_images");
  return {
    async mascot(userId) {
      const row = await db.selectFrom(mascots).select("attachment").where("user_id", "=", userId).executeTakeFirst();
      return row ? (JSON.parse(String(row.attachment)) as StoredAttachment) : null;
    },
    async setMascot(userId, attachment) {
      const json = JSON.stringify(attachment);
      await db
        .insertInto(mascots)
        .values({ user_id: userId, attachment: json })
        .onConflict((oc) => oc.column("user_id").doUpdateSet({ attachment: json }))
        .execute();
    },
    async backgrounds(userIds) {
      const out = new Map<string, string>();
      const ids = [...new Set(userIds)];
      if (ids.length === 0) return out;
      const rows = await db.selectFrom(backgrounds).select(["user_id", "url"]).where("user_id", "in", ids).execute();
      for (const r of rows as Array<{ user_id: string; url: string }>) out.set(String(r.user_id), String(r.url));
      return out;
    },
    async setBackground(userId, url) {
      if (url === null) {
        await db.deleteFrom(backgrounds).where("user_id", "=", userId).execute();
        return;
      }
      await db
        .insertInto(backgrounds)
        .values({ user_id: userId, url })
        .onConflict((oc) => oc.column("user_id").doUpdateSet({ url }))
        .execute();
    },
  };
}
