import type { Migration } from "./migration.js";
import { timestampType } from "./migration.js";

/** Notification settings and aliases (library-owned account settings). */
export const accountSettings013: Migration = {
  name: "013-account-settings",
  async up(ctx) {
    const { db, t } = ctx;
    await db.schema
      .createTable(t("notification_settings"))
      .addColumn("user_id", "varchar(255)", (c) => c.primaryKey())
      // 0/1 in both dialects, so one code path reads them.
      .addColumn("block_from_strangers", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("hide_notification_contents", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable(t("aliases"))
      .addColumn("user_id", "varchar(255)", (c) => c.notNull())
      .addColumn("alias_id", "varchar(255)", (c) => c.notNull())
      .addColumn("created_at", timestampType(ctx), (c) => c.notNull())
      .$call((b) => (ctx.dialect === "postgres" ? b.addColumn("seq", "bigserial") : b))
      .addPrimaryKeyConstraint(`${t("aliases")}_pk`, ["user_id", "alias_id"])
      .execute();
  },
};
