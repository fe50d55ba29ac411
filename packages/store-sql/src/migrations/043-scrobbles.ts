import type { Migration } from "./migration.js";
import { timestampType } from "./migration.js";
import { sortKeyType } from "./040-conversations.js";

export const scrobbles043: Migration = {
  name: "043-scrobbles",
  async up(ctx) {
    const { db, t } = ctx;
    await db.schema
      .createTable(t("scrobbles"))
      .addColumn("id", "varchar(255)", (c) => c.primaryKey())
      .addColumn("account_id", "varchar(255)", (c) => c.notNull())
      .addColumn("id_key", sortKeyType(ctx), (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("artist", "text")
      .addColumn("album", "text")
      .addColumn("length", "bigint")
      .addColumn("visibility", "varchar(16)", (c) => c.notNull())
      .addColumn("created_at", timestampType(ctx), (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${t("scrobbles")}_account_key`).on(t("scrobbles")).columns(["account_id", "id_key"]).execute();
  },
};
