import type { ImportJobRow, ImportRow, ImportRowResult, ImportStore } from "@pleroma-kit/core";

/** Import jobs and their per-row results in memory; each method is atomic in one process. */
export function memoryImports(): ImportStore {
  const jobs = new Map<string, ImportJobRow>();
  const rowsOf = new Map<string, ImportRow[]>();

  return {
    async create(job, identifiers) {
      if (jobs.has(job.id)) throw new Error(`import job ${job.id} exists`);
      jobs.set(job.id, { ...job });
      rowsOf.set(
        job.id,
        identifiers.map((identifier, i) => ({ line: i + 1, identifier, result: "pending" })),
      );
    },
    async job(id) {
      const job = jobs.get(id);
      return job ? { ...job } : null;
    },
    async jobsOf(userId, limit) {
      return [...jobs.values()]
        .filter((j) => j.userId === userId)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .slice(0, limit)
        .map((j) => ({ ...j }));
    },
    async pendingRows(jobId, limit) {
      const rows = rowsOf.get(jobId) ?? [];
      const out: ImportRow[] = [];
      for (const row of rows) {
        if (out.length >= limit) break;
        if (row.result === "pending") out.push({ ...row });
      }
      return out;
    },
    async recordResults(jobId, results) {
      const rows = rowsOf.get(jobId);
      if (!rows) return;
      for (const { line, result } of results) {
        const row = rows[line - 1];
        if (row && row.result === "pending") rows[line - 1] = { ...row, result };
      }
    },
    async setState(jobId, state, at) {
      const job = jobs.get(jobId);
      if (!job) return;
      const finished = state === "done" || state === "failed";
      jobs.set(jobId, { ...job, state, finishedAt: finished ? at : job.finishedAt, ...(finished ? { leaseOwner: null, leaseUntil: null } : {}) });
    },
    async claim(jobId, lease) {
      const job = jobs.get(jobId);
      const free = job?.state === "queued" || (job?.state === "running" && (job.leaseUntil ?? new Date(0)) < lease.now);
      if (!job || !free) return false;
      jobs.set(jobId, { ...job, state: "running", leaseOwner: lease.owner, leaseUntil: lease.until });
      return true;
    },
    async renewLease(jobId, owner, until) {
      const job = jobs.get(jobId);
      if (!job || job.state !== "running" || job.leaseOwner !== owner) return false;
      jobs.set(jobId, { ...job, leaseUntil: until });
      return true;
    },
    async running(limit) {
      return [...jobs.values()]
        .filter((j) => j.state === "running")
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .slice(0, limit)
        .map((j) => ({ ...j }));
    },
    async failLeased(jobId, owner, at) {
      const job = jobs.get(jobId);
      if (!job || job.state !== "running" || job.leaseOwner !== owner) return false;
      jobs.set(jobId, { ...job, state: "failed", finishedAt: at, leaseOwner: null, leaseUntil: null });
      return true;
    },
    async rows(jobId, { offset, limit }) {
      return (rowsOf.get(jobId) ?? []).slice(offset, offset + limit).map((r) => ({ ...r }));
    },
    async summary(jobId) {
      const out: Record<ImportRowResult, number> = { pending: 0, ok: 0, not_found: 0, failed: 0 };
      for (const row of rowsOf.get(jobId) ?? []) out[row.result]++;
      return out;
    },
  };
}
