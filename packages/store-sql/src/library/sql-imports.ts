import type { ImportJobRow, ImportRow, ImportRowResult, ImportStore } from "@pleroma-kit/core";
import { dateValue, toDate, type SqlContext } from "../sql-context.js";

/** Rows per INSERT/UPDATE statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 500;

/**
 * Import jobs in SQL. `create` writes the job and every row in one transaction (all or nothing);
 * `recordResults` only updates rows still pending, so a row's result is set exactly once.
 */
export function sqlImports(ctx: SqlContext): ImportStore {
  const { db, t } = ctx;
  const jobs = t("import_jobs");
  const rows = t("import_rows");

  const toJob = (r: Record<string, unknown>): ImportJobRow => ({
    id: String(r.id),
    userId: String(r.user_id),
    kind: String(r.kind) as ImportJobRow["kind"],
    state: String(r.state) as ImportJobRow["state"],
    total: Number(r.total),
    createdAt: toDate(r.created_at),
    finishedAt: r.finished_at === null || r.finished_at === undefined ? null : toDate(r.finished_at),
    leaseOwner: r.lease_owner === null || r.lease_owner === undefined ? null : String(r.lease_owner),
    leaseUntil: r.lease_until === null || r.lease_until === undefined ? null : toDate(r.lease_until),
  });
  const toRow = (r: Record<string, unknown>): ImportRow => ({
    line: Number(r.line),
    identifier: String(r.identifier),
    result: String(r.result) as ImportRowResult,
  });

  return {
    async create(job, identifiers) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto(jobs)
          .values({
            id: job.id,
            user_id: job.userId,
            kind: job.kind,
            state: job.state,
            total: job.total,
            created_at: dateValue(ctx, job.createdAt),
            finished_at: job.finishedAt ? dateValue(ctx, job.finishedAt) : null,
          })
          .execute();
        for (let i = 0; i < identifiers.length; i += BATCH) {
          await trx
            .insertInto(rows)
            .values(identifiers.slice(i, i + BATCH).map((identifier, j) => ({ job_id: job.id, line: i + j + 1, identifier, result: "pending" })))
            .execute();
        }
      });
    },
    async job(id) {
      const r = await db.selectFrom(jobs).selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toJob(r) : null;
    },
    async jobsOf(userId, limit) {
      const list = await db
        .selectFrom(jobs)
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return list.map(toJob);
    },
    async pendingRows(jobId, limit) {
      const list = await db
        .selectFrom(rows)
        .selectAll()
        .where("job_id", "=", jobId)
        .where("result", "=", "pending")
        .orderBy("line")
        .limit(limit)
        .execute();
      return list.map(toRow);
    },
    async recordResults(jobId, results) {
      const byResult = new Map<string, number[]>();
      for (const { line, result } of results) {
        const lines = byResult.get(result) ?? [];
        lines.push(line);
        byResult.set(result, lines);
      }
      await db.transaction().execute(async (trx) => {
        for (const [result, lines] of byResult) {
          for (let i = 0; i < lines.length; i += BATCH) {
            await trx
              .updateTable(rows)
              .set({ result })
              .where("job_id", "=", jobId)
              .where("line", "in", lines.slice(i, i + BATCH))
              .where("result", "=", "pending")
              .execute();
          }
        }
      });
    },
    async setState(jobId, state, at) {
      const finished = state === "done" || state === "failed";
      await db
        .updateTable(jobs)
        .set(finished ? { state, finished_at: dateValue(ctx, at), lease_owner: null, lease_until: null } : { state })
        .where("id", "=", jobId)
        .execute();
    },
    async claim(jobId, lease) {
      const result = await db
        .updateTable(jobs)
        .set({ state: "running", lease_owner: lease.owner, lease_until: dateValue(ctx, lease.until) })
        .where("id", "=", jobId)
        .where((eb) =>
          eb.or([
            eb("state", "=", "queued"),
            eb.and([eb("state", "=", "running"), eb.or([eb("lease_until", "is", null), eb("lease_until", "<", dateValue(ctx, lease.now))])]),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async renewLease(jobId, owner, until) {
      const result = await db
        .updateTable(jobs)
        .set({ lease_until: dateValue(ctx, until) })
        .where("id", "=", jobId)
        .where("state", "=", "running")
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async running(limit) {
      const list = await db.selectFrom(jobs).selectAll().where("state", "=", "running").orderBy("created_at").limit(limit).execute();
      return list.map(toJob);
    },
    async failLeased(jobId, owner, at) {
      const result = await db
        .updateTable(jobs)
        .set({ state: "failed", finished_at: dateValue(ctx, at), lease_owner: null, lease_until: null })
        .where("id", "=", jobId)
        .where("state", "=", "running")
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async rows(jobId, { offset, limit }) {
      const list = await db
        .selectFrom(rows)
        .selectAll()
        .where("job_id", "=", jobId)
        .where("line", ">", offset)
        .orderBy("line")
        .limit(limit)
        .execute();
      return list.map(toRow);
    },
    async summary(jobId) {
      const out: Record<ImportRowResult, number> = { pending: 0, ok: 0, not_found: 0, failed: 0 };
      const counts = await db
        .selectFrom(rows)
        .select(["result", (eb) => eb.fn.countAll().as("n")])
        .where("job_id", "=", jobId)
        .groupBy("result")
        .execute();
      for (const c of counts as Array<{ result: string; n: unknown }>) {
        if (c.result in out) out[c.result as ImportRowResult] = Number(c.n);
      }
      return out;
    },
  };
}
