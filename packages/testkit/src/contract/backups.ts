import type { NewBackup } from "@pleroma-kit/core";
import { describe, expect, it } from "vitest";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

const DAY = 24 * 60 * 60 * 1000;
const PERIOD = 8 * DAY;
const base = Date.UTC(2026, 0, 10, 12, 0, 0);
const at = (days: number) => new Date(base + days * DAY);
let keys = 0;
const backup = (userId: string, insertedAt: Date): NewBackup => ({
  userId,
  insertedAt,
  contentType: "application/zip",
  fileKey: `backups/archive-${userId}-${++keys}-${Math.random().toString(36).slice(2)}.zip`,
});

/**
 * The backup store's promises: one backup per user per period under concurrency (failed ones do
 * not count), conditional state transitions, newest-first listing, expiry and stale recovery.
 */
export function backupContract(factory: StoreFactory): void {
  describe("backups", () => {
    const getStore = useStore(factory);
    const get = () => {
      const { backups } = getStore();
      if (!backups) throw new Error("this store has no backups port");
      return { backups };
    };

    it("creates a pending row with an integer id and reads it back by id and by file key", async () => {
      const { backups } = get();
      const input = backup("u1", at(0));
      const row = await backups.createIfAllowed(input, PERIOD);
      expect(row).toMatchObject({ userId: "u1", state: "pending", fileSize: 0, expiresAt: null, fileKey: input.fileKey });
      expect(Number.isInteger(row!.id)).toBe(true);
      expect(row!.insertedAt.getTime()).toBe(at(0).getTime());
      expect(await backups.get(row!.id)).toEqual(row);
      expect(await backups.byFileKey(input.fileKey)).toEqual(row);
      expect(await backups.get(row!.id + 1000)).toBeNull();
      expect(await backups.byFileKey("backups/none.zip")).toBeNull();
    });

    it("refuses a second backup inside the period and allows one at its end; other users are independent", async () => {
      const { backups } = get();
      expect(await backups.createIfAllowed(backup("u1", at(0)), PERIOD)).not.toBeNull();
      expect(await backups.createIfAllowed(backup("u1", new Date(at(8).getTime() - 1)), PERIOD)).toBeNull();
      expect(await backups.createIfAllowed(backup("u2", at(1)), PERIOD)).not.toBeNull();
      expect(await backups.createIfAllowed(backup("u1", at(8)), PERIOD)).not.toBeNull();
    });

    it("does not count failed backups against the period", async () => {
      const { backups } = get();
      const first = await backups.createIfAllowed(backup("u1", at(0)), PERIOD);
      expect(await backups.fail(first!.id)).toBe(true);
      const second = await backups.createIfAllowed(backup("u1", at(0)), PERIOD);
      expect(second).not.toBeNull();
      expect(await backups.createIfAllowed(backup("u1", at(1)), PERIOD)).toBeNull();
    });

    it("lets exactly one of 20 parallel creates for one user succeed", async () => {
      const { backups } = get();
      const results = await Promise.all(Array.from({ length: 20 }, () => backups.createIfAllowed(backup("u1", at(0)), PERIOD)));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await backups.listByUser("u1")).toHaveLength(1);
    });

    it("moves pending -> running -> done once each, and never out of failed or done", async () => {
      const { backups } = get();
      const row = (await backups.createIfAllowed(backup("u1", at(0)), PERIOD))!;
      expect(await backups.complete(row.id, { fileSize: 10, expiresAt: at(30) })).toBe(false);
      const starts = await Promise.all(Array.from({ length: 10 }, () => backups.start(row.id)));
      expect(starts.filter(Boolean)).toHaveLength(1);
      expect((await backups.get(row.id))!.state).toBe("running");
      const completes = await Promise.all(
        Array.from({ length: 5 }, () => backups.complete(row.id, { fileSize: 1234, expiresAt: at(30) })),
      );
      expect(completes.filter(Boolean)).toHaveLength(1);
      const done = (await backups.get(row.id))!;
      expect(done).toMatchObject({ state: "done", fileSize: 1234 });
      expect(done.expiresAt!.getTime()).toBe(at(30).getTime());
      expect(await backups.fail(row.id)).toBe(false);
      expect(await backups.start(row.id)).toBe(false);

      const other = (await backups.createIfAllowed(backup("u2", at(0)), PERIOD))!;
      expect(await backups.fail(other.id)).toBe(true);
      expect(await backups.fail(other.id)).toBe(false);
      expect(await backups.start(other.id)).toBe(false);
      expect(await backups.complete(other.id, { fileSize: 1, expiresAt: at(30) })).toBe(false);
    });

    it("lists one user's backups newest first", async () => {
      const { backups } = get();
      const a = (await backups.createIfAllowed(backup("u1", at(0)), PERIOD))!;
      await backups.createIfAllowed(backup("u2", at(0)), PERIOD);
      const b = (await backups.createIfAllowed(backup("u1", at(9)), PERIOD))!;
      const c = (await backups.createIfAllowed(backup("u1", at(18)), PERIOD))!;
      expect((await backups.listByUser("u1")).map((r) => r.id)).toEqual([c.id, b.id, a.id]);
      expect(await backups.listByUser("nobody")).toEqual([]);
    });

    it("fails only the user's stale pending or running rows, each once", async () => {
      const { backups } = get();
      const old = (await backups.createIfAllowed(backup("u1", at(0)), PERIOD))!;
      const running = (await backups.createIfAllowed(backup("u1", at(9)), PERIOD))!;
      await backups.start(running.id);
      const fresh = (await backups.createIfAllowed(backup("u2", at(0)), PERIOD))!;
      const [first, second] = await Promise.all([backups.failStale("u1", at(10)), backups.failStale("u1", at(10))]);
      expect([...first!, ...second!].map((r) => r.id).sort((x, y) => x - y)).toEqual([old.id, running.id]);
      expect([...first!, ...second!].every((r) => r.state === "failed")).toBe(true);
      expect((await backups.get(fresh.id))!.state).toBe("pending");
      expect(await backups.failStale("u1", at(10))).toEqual([]);
    });

    it("finds done backups whose expiry has passed, oldest first and limited", async () => {
      const { backups } = get();
      for (const [user, expires] of [["u1", 5], ["u2", 3], ["u3", 40]] as const) {
        const row = (await backups.createIfAllowed(backup(user, at(0)), PERIOD))!;
        await backups.start(row.id);
        await backups.complete(row.id, { fileSize: 1, expiresAt: at(expires) });
      }
      await backups.createIfAllowed(backup("u4", at(0)), PERIOD);
      expect((await backups.expired(at(10), 10)).map((r) => r.userId)).toEqual(["u2", "u1"]);
      expect((await backups.expired(at(10), 1)).map((r) => r.userId)).toEqual(["u2"]);
      expect(await backups.expired(at(1), 10)).toEqual([]);
    });

    it("deletes a row once", async () => {
      const { backups } = get();
      const row = (await backups.createIfAllowed(backup("u1", at(0)), PERIOD))!;
      const results = await Promise.all([backups.delete(row.id), backups.delete(row.id)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await backups.get(row.id)).toBeNull();
      expect(await backups.createIfAllowed(backup("u1", at(1)), PERIOD)).not.toBeNull();
    });
  });
}
