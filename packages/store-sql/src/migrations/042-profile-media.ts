import type { Migration } from "./migration.js";

export const profileMedia042: Migration = {
  name: "042-profile-media",
  async up(ctx) {
    const { db, t } = ctx;
    await db.schema
      .createTable(t("mascots"))
      .addColumn("user_id", "varchar(255)", (c) => c.primaryKey())
      .addColumn("attachment", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable(t("background_images"))
      .addColumn("user_id", "varchar(255)", (c) => c.primaryKey())
      .addColumn("url", "varchar(4096)", (c) => c.notNull())
      .execute();
  },
};
