import { describe, expect, it } from "vitest";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

const t = (s: number) => new Date(Date.UTC(2026, 0, 10, 12, 0, s));
const lease = (owner: string, now: number, until: number) => ({ owner, now: t(now), until: t(until) });

/**
 * Leases on running backups and imports (issue 15): a claim records its owner and end, only the
 * owner renews or fails it, a takeover succeeds only once the held lease ended, and of two
 * concurrent takeovers exactly one wins.
 */
export function jobLeaseContract(factory: StoreFactory): void {
  describe("job leases", () => {
    const get = useStore(factory);

    it("backups: start records the lease; only the owner renews or fails it; a takeover waits for its end", async () => {
      const { backups } = get();
      const row = await backups!.createIfAllowed({ userId: "lease-u", fileKey: `backups/lease-${Math.random()}.zip`, contentType: "application/zip", insertedAt: t(0) }, 1000);
      expect(await backups!.start(row!.id, lease("a", 0, 30))).toBe(true);
      expect(await backups!.get(row!.id)).toMatchObject({ state: "running", leaseOwner: "a", leaseUntil: t(30) });
      expect((await backups!.running(10)).map((r) => r.id)).toContain(row!.id);
      // Not over yet: no takeover.
      expect(await backups!.start(row!.id, lease("b", 20, 50))).toBe(false);
      expect(await backups!.renewLease(row!.id, "b", t(60))).toBe(false);
      expect(await backups!.renewLease(row!.id, "a", t(40))).toBe(true);
      expect(await backups!.start(row!.id, lease("b", 35, 65))).toBe(false);
      // Over: exactly one of two concurrent takeovers wins.
      const wins = await Promise.all([backups!.start(row!.id, lease("b", 41, 71)), backups!.start(row!.id, lease("c", 41, 71))]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      const owner = wins[0] ? "b" : "c";
      expect(await backups!.failLeased(row!.id, "a")).toBe(false);
      expect(await backups!.failLeased(row!.id, owner)).toBe(true);
      expect(await backups!.get(row!.id)).toMatchObject({ state: "failed", leaseOwner: null, leaseUntil: null });
      expect((await backups!.running(10)).map((r) => r.id)).not.toContain(row!.id);
      expect(await backups!.failLeased(row!.id, owner)).toBe(false);
    });

    it("imports: claim, renew, takeover after the end (rows already recorded stay) and failLeased", async () => {
      const { imports } = get();
      await imports.create({ id: "lease-j", userId: "u", kind: "follow", state: "queued", total: 2, createdAt: t(0), finishedAt: null }, ["x", "y"]);
      expect(await imports.claim("lease-j", lease("a", 0, 30))).toBe(true);
      expect(await imports.job("lease-j")).toMatchObject({ state: "running", leaseOwner: "a", leaseUntil: t(30) });
      await imports.recordResults("lease-j", [{ line: 1, result: "ok" }]);
      expect(await imports.claim("lease-j", lease("b", 10, 40))).toBe(false);
      expect(await imports.renewLease("lease-j", "b", t(50))).toBe(false);
      expect(await imports.renewLease("lease-j", "a", t(45))).toBe(true);
      expect((await imports.running(10)).map((j) => j.id)).toContain("lease-j");
      const wins = await Promise.all([imports.claim("lease-j", lease("b", 46, 76)), imports.claim("lease-j", lease("c", 46, 76))]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await imports.pendingRows("lease-j", 10)).toEqual([{ line: 2, identifier: "y", result: "pending" }]);
      const owner = wins[0] ? "b" : "c";
      expect(await imports.failLeased("lease-j", "a", t(50))).toBe(false);
      expect(await imports.failLeased("lease-j", owner, t(50))).toBe(true);
      expect(await imports.job("lease-j")).toMatchObject({ state: "failed", finishedAt: t(50), leaseOwner: null, leaseUntil: null });
      expect(await imports.claim("lease-j", lease("d", 100, 130))).toBe(false);
    });
  });
}
