import type { Migration } from "./migration.js";
import { timestampType } from "./migration.js";

/** MFA state, backup code hashes and login challenges. */
export const mfa010: Migration = {
  name: "010-mfa",
  async up(ctx) {
    const { db, t } = ctx;
    await db.schema
      .createTable(t("mfa"))
      .addColumn("user_id", "varchar(255)", (c) => c.primaryKey())
      .addColumn("confirmed_secret", "varchar(255)")
      .addColumn("pending_secret", "varchar(255)")
      .addColumn("last_used_step", "bigint")
      .execute();
    await db.schema
      .createTable(t("mfa_backup_codes"))
      .addColumn("user_id", "varchar(255)", (c) => c.notNull())
      .addColumn("code_hash", "varchar(255)", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${t("mfa_backup_codes")}_pk`, ["user_id", "code_hash"])
      .execute();
    await db.schema
      .createTable(t("mfa_challenges"))
      .addColumn("token_hash", "varchar(128)", (c) => c.primaryKey())
      .addColumn("user_id", "varchar(255)", (c) => c.notNull())
      .addColumn("context", "text", (c) => c.notNull())
      .addColumn("expires_at", timestampType(ctx), (c) => c.notNull())
      .execute();
  },
};
