import type { Migration } from "./migration.js";
import { timestampType } from "./migration.js";

/** The attempt limiter: one row per attempt, counted per key over a window. */
export const attempts011: Migration = {
  name: "011-attempts",
  async up(ctx) {
    const { db, t } = ctx;
    await db.schema
      .createTable(t("attempts"))
      .addColumn("key", "varchar(512)", (c) => c.notNull())
      .addColumn("at", timestampType(ctx), (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${t("attempts")}_key_at`).on(t("attempts")).columns(["key", "at"]).execute();
  },
};
