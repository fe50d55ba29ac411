import type { PleromaStore } from "@pleroma-kit/core";
import { sql, type Kysely } from "kysely";
import { sqlReactions } from "./library/sql-reactions.js";
import { sqlConversations } from "./library/sql-conversations.js";
import { sqlImports } from "./library/sql-imports.js";
import { sqlProfileMedia } from "./library/sql-profile-media.js";
import { sqlScrobbles } from "./library/sql-scrobbles.js";
import { sqlMfa } from "./library/sql-mfa.js";
import { sqlAttempts } from "./library/sql-attempts.js";
import { sqlCaptcha } from "./library/sql-captcha.js";
import { sqlAccountSettings } from "./library/sql-account-settings.js";
import { sqlBackups } from "./library/sql-backups.js";
import { sqlContext, type SqlStoreOptions } from "./sql-context.js";

/**
 * Every library port over a ready Kysely instance (the caller owns the connection and calls
 * `migrate` first). Concurrency promises are kept by the database: unique keys, conditional
 * updates, transactions; so several app instances may share one database.
 */
export function createSqlStore(db: Kysely<any>, options: SqlStoreOptions): PleromaStore {
  const ctx = sqlContext(db, options);
  return {
    persistent: true,
    reactions: sqlReactions(ctx),
    conversations: sqlConversations(ctx),
    imports: sqlImports(ctx),
    profileMedia: sqlProfileMedia(ctx),
    scrobbles: sqlScrobbles(ctx),
    health: {
      ping: async () => {
        await sql`select 1`.execute(db);
        return true;
      },
      ...(options.poolStats ? { pool: async () => options.poolStats!() } : {}),
    },
    mfa: sqlMfa(ctx),
    attempts: sqlAttempts(ctx),
    captcha: sqlCaptcha(ctx),
    accountSettings: sqlAccountSettings(ctx),
    backups: sqlBackups(ctx),
  };
}
