import type { Migration } from "./migration.js";
import { timestampType } from "./migration.js";

/** Used captcha tokens; the primary key makes `consume` exactly-one-winner across instances. */
export const captcha012: Migration = {
  name: "012-captcha",
  async up(ctx) {
    const { db, t } = ctx;
    await db.schema
      .createTable(t("captcha_used"))
      .addColumn("token_hash", "varchar(128)", (c) => c.primaryKey())
      .addColumn("expires_at", timestampType(ctx), (c) => c.notNull())
      .execute();
  },
};
