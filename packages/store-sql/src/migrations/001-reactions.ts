import type { Migration } from "./migration.js";
import { timestampType } from "./migration.js";

export const reactions001: Migration = {
  name: "001-reactions",
  async up(ctx) {
    const { db, t } = ctx;
    await db.schema
      .createTable(t("reactions"))
      .addColumn("status_id", "varchar(255)", (c) => c.notNull())
      .addColumn("user_id", "varchar(255)", (c) => c.notNull())
      // url for custom emoji, "unicode:"+name for unicode: the identity of a reaction group.
      .addColumn("emoji_key", "varchar(2048)", (c) => c.notNull())
      .addColumn("name", "varchar(255)", (c) => c.notNull())
      .addColumn("url", "varchar(2048)")
      .addColumn("created_at", timestampType(ctx), (c) => c.notNull())
      // Insertion order breaks ties between reactions in the same millisecond (SQLite uses rowid).
      .$call((b) => (ctx.dialect === "postgres" ? b.addColumn("seq", "bigserial") : b))
      .addPrimaryKeyConstraint(`${t("reactions")}_pk`, ["status_id", "user_id", "emoji_key"])
      .execute();
    await db.schema
      .createIndex(`${t("reactions")}_status_created`)
      .on(t("reactions"))
      .columns(["status_id", "created_at"])
      .execute();
  },
};
