import type { BackupRow, BackupState, BackupStore } from "@pleroma-kit/core";

/**
 * Backups in memory. Every method finishes its check and its write without awaiting in between,
 * and JavaScript runs one call at a time, so each method is atomic.
 */
export function memoryBackups(): BackupStore {
  const rows = new Map<number, BackupRow>();
  let nextId = 1;

  const transition = (id: number, from: readonly BackupState[], patch: Partial<BackupRow>): boolean => {
    const row = rows.get(id);
    if (!row || !from.includes(row.state)) return false;
    rows.set(id, { ...row, ...patch });
    return true;
  };

  return {
    async createIfAllowed(backup, periodMs) {
      const cutoff = backup.insertedAt.getTime() - periodMs;
      for (const row of rows.values()) {
        if (row.userId === backup.userId && row.state !== "failed" && row.insertedAt.getTime() > cutoff) return null;
      }
      const row: BackupRow = { ...backup, id: nextId++, state: "pending", fileSize: 0, expiresAt: null };
      rows.set(row.id, row);
      return row;
    },
    async get(id) {
      return rows.get(id) ?? null;
    },
    async byFileKey(fileKey) {
      for (const row of rows.values()) if (row.fileKey === fileKey) return row;
      return null;
    },
    async listByUser(userId) {
      return [...rows.values()].filter((r) => r.userId === userId).sort((a, b) => b.id - a.id);
    },
    async start(id, lease) {
      const row = rows.get(id);
      if (lease && row?.state === "running" && (row.leaseUntil ?? new Date(0)) < lease.now) {
        rows.set(id, { ...row, leaseOwner: lease.owner, leaseUntil: lease.until });
        return true;
      }
      return transition(id, ["pending"], { state: "running", leaseOwner: lease?.owner ?? null, leaseUntil: lease?.until ?? null });
    },
    async renewLease(id, owner, until) {
      const row = rows.get(id);
      if (!row || row.state !== "running" || row.leaseOwner !== owner) return false;
      rows.set(id, { ...row, leaseUntil: until });
      return true;
    },
    async running(limit) {
      return [...rows.values()].filter((r) => r.state === "running").sort((a, b) => a.id - b.id).slice(0, limit);
    },
    async failLeased(id, owner) {
      const row = rows.get(id);
      if (!row || row.state !== "running" || row.leaseOwner !== owner) return false;
      rows.set(id, { ...row, state: "failed", leaseOwner: null, leaseUntil: null });
      return true;
    },
    async complete(id, result) {
      return transition(id, ["running"], { state: "done", fileSize: result.fileSize, expiresAt: result.expiresAt, leaseOwner: null, leaseUntil: null });
    },
    async fail(id) {
      return transition(id, ["pending", "running"], { state: "failed", leaseOwner: null, leaseUntil: null });
    },
    async failStale(userId, before) {
      const stale = [...rows.values()].filter(
        (r) => r.userId === userId && (r.state === "pending" || r.state === "running") && r.insertedAt < before,
      );
      return stale.map((r) => {
        const failed: BackupRow = { ...r, state: "failed" };
        rows.set(r.id, failed);
        return failed;
      });
    },
    async expired(now, limit) {
      return [...rows.values()]
        .filter((r) => r.state === "done" && r.expiresAt !== null && r.expiresAt <= now)
        .sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime() || a.id - b.id)
        .slice(0, limit);
    },
    async delete(id) {
      return rows.delete(id);
    },
  };
}
