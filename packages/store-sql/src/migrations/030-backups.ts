import type { Migration } from "./migration.js";
import { timestampType } from "./migration.js";

/** Account backups (content.md 4): integer ids rendered as JSON numbers, one row per archive. */
export const backups030: Migration = {
  name: "030-backups",
  async up(ctx) {
    const { db, t } = ctx;
    const table = t("backups");
    await db.schema
      .createTable(table)
      .addColumn("id", ctx.dialect === "postgres" ? "serial" : "integer", (c) =>
        ctx.dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
      )
      .addColumn("user_id", "varchar(255)", (c) => c.notNull())
      .addColumn("state", "varchar(16)", (c) => c.notNull())
      .addColumn("file_key", "varchar(1024)", (c) => c.notNull().unique())
      .addColumn("content_type", "varchar(255)", (c) => c.notNull())
      .addColumn("file_size", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("inserted_at", timestampType(ctx), (c) => c.notNull())
      .addColumn("expires_at", timestampType(ctx))
      .execute();
    // The rate-limit check and the listing both read one user's rows by time or id.
    await db.schema.createIndex(`${table}_user_inserted`).on(table).columns(["user_id", "inserted_at"]).execute();
    await db.schema.createIndex(`${table}_expires`).on(table).columns(["state", "expires_at"]).execute();
  },
};
