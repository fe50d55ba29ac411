import type { MfaChallengeRow, MfaStore } from "@pleroma-kit/core";
import { sql } from "kysely";
import { dateValue, toDate, type SqlContext } from "../sql-context.js";

/**
 * MFA state in SQL. Every conditional promise is one statement whose `where` carries the condition
 * (`pending_secret = ?`, `last_used_step < ?`) and whose affected-row count says who won, so
 * parallel callers on any number of instances cannot both succeed.
 */
export function sqlMfa(ctx: SqlContext): MfaStore {
  const { db, t } = ctx;
  const mfa = t("mfa");
  const codes = t("mfa_backup_codes");
  const challenges = t("mfa_challenges");
  const changed = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint; numInsertedOrUpdatedRows?: bigint | undefined }) =>
    Number(r.numUpdatedRows ?? r.numDeletedRows ?? r.numInsertedOrUpdatedRows ?? 0) > 0;

  return {
    async get(userId) {
      const [row, hashes] = await Promise.all([
        db.selectFrom(mfa).selectAll().where("user_id", "=", userId).executeTakeFirst(),
        db.selectFrom(codes).select("code_hash").where("user_id", "=", userId).orderBy("code_hash").execute(),
      ]);
      if (!row && hashes.length === 0) return null;
      return {
        confirmedSecret: (row?.confirmed_secret as string | null | undefined) ?? null,
        pendingSecret: (row?.pending_secret as string | null | undefined) ?? null,
        lastUsedStep: row?.last_used_step === null || row?.last_used_step === undefined ? null : Number(row.last_used_step),
        backupCodeHashes: hashes.map((h: { code_hash: string }) => h.code_hash),
      };
    },
    async setPendingSecret(userId, secret) {
      await db
        .insertInto(mfa)
        .values({ user_id: userId, pending_secret: secret })
        .onConflict((oc) => oc.column("user_id").doUpdateSet({ pending_secret: secret }))
        .execute();
    },
    async confirmSecret(userId, secret, step) {
      const r = await db
        .updateTable(mfa)
        .set({
          confirmed_secret: secret,
          pending_secret: null,
          last_used_step: sql`case when last_used_step is null or last_used_step < ${step} then ${step} else last_used_step end`,
        })
        .where("user_id", "=", userId)
        .where("pending_secret", "=", secret)
        .executeTakeFirst();
      return changed(r);
    },
    async consumeTotpStep(userId, step) {
      const r = await db
        .updateTable(mfa)
        .set({ last_used_step: step })
        .where("user_id", "=", userId)
        .where("confirmed_secret", "is not", null)
        .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
        .executeTakeFirst();
      return changed(r);
    },
    async disableTotp(userId) {
      await db
        .updateTable(mfa)
        .set({ confirmed_secret: null, pending_secret: null, last_used_step: null })
        .where("user_id", "=", userId)
        .execute();
    },
    async replaceBackupCodes(userId, hashes) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom(codes).where("user_id", "=", userId).execute();
        if (hashes.length > 0) {
          await trx.insertInto(codes).values(hashes.map((code_hash) => ({ user_id: userId, code_hash }))).execute();
        }
      });
    },
    async consumeBackupCode(userId, hash) {
      const r = await db.deleteFrom(codes).where("user_id", "=", userId).where("code_hash", "=", hash).executeTakeFirst();
      return changed(r);
    },
    async deleteUser(userId) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom(mfa).where("user_id", "=", userId).execute();
        await trx.deleteFrom(codes).where("user_id", "=", userId).execute();
        await trx.deleteFrom(challenges).where("user_id", "=", userId).execute();
      });
    },
    async putChallenge(tokenHash, row) {
      await db
        .insertInto(challenges)
        .values({
          token_hash: tokenHash,
          user_id: row.userId,
          context: JSON.stringify(row.context),
          expires_at: dateValue(ctx, row.expiresAt),
        })
        .execute();
    },
    async findChallenge(tokenHash, now): Promise<MfaChallengeRow | null> {
      const row = await db
        .selectFrom(challenges)
        .selectAll()
        .where("token_hash", "=", tokenHash)
        .where("expires_at", ">", dateValue(ctx, now))
        .executeTakeFirst();
      if (!row) return null;
      return { userId: String(row.user_id), context: JSON.parse(String(row.context)), expiresAt: toDate(row.expires_at) };
    },
    async consumeChallenge(tokenHash, now) {
      await db.deleteFrom(challenges).where("expires_at", "<=", dateValue(ctx, now)).execute();
      const r = await db.deleteFrom(challenges).where("token_hash", "=", tokenHash).executeTakeFirst();
      return changed(r);
    },
  };
}
