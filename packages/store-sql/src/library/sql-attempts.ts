import type { AttemptStore } from "@pleroma-kit/core";
import { dateValue, type SqlContext } from "../sql-context.js";

/**
 * Attempt counters in SQL, shared by every instance on the database. `hit` inserts first and
 * counts after, each statement committed on its own: the k-th committed insert is seen by its own
 * count together with the k-1 before it, so no attempt is lost under concurrency.
 */
export function sqlAttempts(ctx: SqlContext): AttemptStore {
  const { db, t } = ctx;
  const table = t("attempts");
  return {
    async hit(key, at, windowStart) {
      const since = dateValue(ctx, windowStart);
      await db.deleteFrom(table).where("key", "=", key).where("at", "<", since).execute();
      await db.insertInto(table).values({ key, at: dateValue(ctx, at) }).execute();
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .where("key", "=", key)
        .where("at", ">=", since)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async reset(key) {
      await db.deleteFrom(table).where("key", "=", key).execute();
    },
  };
}
