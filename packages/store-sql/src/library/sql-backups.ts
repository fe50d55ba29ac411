import type { BackupRow, BackupState, BackupStore } from "@pleroma-kit/core";
import { sql } from "kysely";
import { dateValue, toDate, type SqlContext } from "../sql-context.js";

const COLUMNS = ["id", "user_id", "state", "file_key", "content_type", "file_size", "inserted_at", "expires_at", "lease_owner", "lease_until"] as const;
const NO_LEASE = { lease_owner: null, lease_until: null };

/**
 * Backups in SQL. `createIfAllowed` checks and inserts in one transaction: on PostgreSQL an
 * advisory lock per user serialises concurrent creates (a plain check-then-insert would let two
 * read-committed transactions both pass); SQLite runs one writer at a time. State transitions are
 * conditional updates (`where state in (...)`), so exactly one caller wins each.
 */
export function sqlBackups(ctx: SqlContext): BackupStore {
  const { db, t } = ctx;
  const table = t("backups");
  const date = (d: Date) => dateValue(ctx, d);

  const transition = async (id: number, from: readonly BackupState[], set: Record<string, unknown>): Promise<boolean> => {
    const result = await db.updateTable(table).set(set).where("id", "=", id).where("state", "in", from).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  };

  return {
    async createIfAllowed(backup, periodMs) {
      const cutoff = new Date(backup.insertedAt.getTime() - periodMs);
      return db.transaction().execute(async (trx) => {
        if (ctx.dialect === "postgres") {
          await sql`select pg_advisory_xact_lock(hashtext(${`${table}:${backup.userId}`}))`.execute(trx);
        }
        const blocking = await trx
          .selectFrom(table)
          .select("id")
          .where("user_id", "=", backup.userId)
          .where("state", "<>", "failed")
          .where("inserted_at", ">", date(cutoff))
          .limit(1)
          .executeTakeFirst();
        if (blocking) return null;
        const inserted = await trx
          .insertInto(table)
          .values({
            user_id: backup.userId,
            state: "pending",
            file_key: backup.fileKey,
            content_type: backup.contentType,
            file_size: 0,
            inserted_at: date(backup.insertedAt),
            expires_at: null,
          })
          .returning(COLUMNS)
          .executeTakeFirstOrThrow();
        return toRow(inserted);
      });
    },
    async get(id) {
      const row = await db.selectFrom(table).select(COLUMNS).where("id", "=", id).executeTakeFirst();
      return row ? toRow(row) : null;
    },
    async byFileKey(fileKey) {
      const row = await db.selectFrom(table).select(COLUMNS).where("file_key", "=", fileKey).executeTakeFirst();
      return row ? toRow(row) : null;
    },
    async listByUser(userId) {
      const rows = await db.selectFrom(table).select(COLUMNS).where("user_id", "=", userId).orderBy("id", "desc").execute();
      return rows.map(toRow);
    },
    async start(id, lease) {
      const set = { state: "running", lease_owner: lease?.owner ?? null, lease_until: lease ? date(lease.until) : null };
      if (await transition(id, ["pending"], set)) return true;
      if (!lease) return false;
      // A takeover: one conditional update, so of two instances taking over one row only one wins.
      const result = await db
        .updateTable(table)
        .set(set)
        .where("id", "=", id)
        .where("state", "=", "running")
        .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", date(lease.now))]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async renewLease(id, owner, until) {
      const result = await db
        .updateTable(table)
        .set({ lease_until: date(until) })
        .where("id", "=", id)
        .where("state", "=", "running")
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async running(limit) {
      const rows = await db.selectFrom(table).select(COLUMNS).where("state", "=", "running").orderBy("id").limit(limit).execute();
      return rows.map(toRow);
    },
    async failLeased(id, owner) {
      const result = await db
        .updateTable(table)
        .set({ state: "failed", ...NO_LEASE })
        .where("id", "=", id)
        .where("state", "=", "running")
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async complete(id, result) {
      return transition(id, ["running"], { state: "done", file_size: result.fileSize, expires_at: date(result.expiresAt), ...NO_LEASE });
    },
    async fail(id) {
      return transition(id, ["pending", "running"], { state: "failed", ...NO_LEASE });
    },
    async failStale(userId, before) {
      const rows = await db
        .updateTable(table)
        .set({ state: "failed", ...NO_LEASE })
        .where("user_id", "=", userId)
        .where("state", "in", ["pending", "running"])
        .where("inserted_at", "<", date(before))
        .returning(COLUMNS)
        .execute();
      return rows.map(toRow);
    },
    async expired(now, limit) {
      const rows = await db
        .selectFrom(table)
        .select(COLUMNS)
        .where("state", "=", "done")
        .where("expires_at", "<=", date(now))
        .orderBy("expires_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toRow);
    },
    async delete(id) {
      const result = await db.deleteFrom(table).where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toRow(r: Record<string, unknown>): BackupRow {
  return {
    id: Number(r.id),
    userId: String(r.user_id),
    state: String(r.state) as BackupState,
    fileKey: String(r.file_key),
    contentType: String(r.content_type),
    // bigint columns arrive as strings from pg.
    fileSize: Number(r.file_size),
    insertedAt: toDate(r.inserted_at),
    expiresAt: r.expires_at === null || r.expires_at === undefined ? null : toDate(r.expires_at),
    leaseOwner: r.lease_owner === null || r.lease_owner === undefined ? null : String(r.lease_owner),
    leaseUntil: r.lease_until === null || r.lease_until === undefined ? null : toDate(r.lease_until),
  };
}
