import type { CaptchaStore } from "@pleroma-kit/core";
import { dateValue, type SqlContext } from "../sql-context.js";

/**
 * Used captcha tokens in SQL. The primary key on the token hash with `on conflict do nothing` lets
 * exactly one of parallel `consume` calls insert, on any instance sharing the database.
 */
export function sqlCaptcha(ctx: SqlContext): CaptchaStore {
  const { db, t } = ctx;
  const table = t("captcha_used");
  return {
    async consume(tokenHash, expiresAt, now) {
      await db.deleteFrom(table).where("expires_at", "<=", dateValue(ctx, now)).execute();
      const r = await db
        .insertInto(table)
        .values({ token_hash: tokenHash, expires_at: dateValue(ctx, expiresAt) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async isUsed(tokenHash, now) {
      const row = await db
        .selectFrom(table)
        .select("token_hash")
        .where("token_hash", "=", tokenHash)
        .where("expires_at", ">", dateValue(ctx, now))
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
