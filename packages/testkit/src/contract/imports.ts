import { describe, expect, it } from "vitest";
import type { ImportJobRow } from "@pleroma-kit/core";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const job = (id: string, userId = "u", createdAt = at(1)): ImportJobRow => ({
  id,
  userId,
  kind: "follow",
  state: "queued",
  total: 0,
  createdAt,
  finishedAt: null,
});

/** Import jobs and per-row results (accounts.md 4). */
export function importContract(factory: StoreFactory): void {
  describe("imports", () => {
    const get = useStore(factory);

    it("stores a job with pending rows in list order and records results once", async () => {
      const { imports } = get();
      await imports.create({ ...job("j1"), total: 3 }, ["alice", "bob@remote.example", "carol"]);
      expect(await imports.job("j1")).toMatchObject({ id: "j1", userId: "u", kind: "follow", state: "queued", total: 3, finishedAt: null });
      expect(await imports.pendingRows("j1", 2)).toEqual([
        { line: 1, identifier: "alice", result: "pending" },
        { line: 2, identifier: "bob@remote.example", result: "pending" },
      ]);
      await imports.recordResults("j1", [
        { line: 1, result: "ok" },
        { line: 2, result: "not_found" },
      ]);
      // A second runner recording the same rows changes nothing.
      await imports.recordResults("j1", [{ line: 1, result: "failed" }]);
      expect(await imports.pendingRows("j1", 10)).toEqual([{ line: 3, identifier: "carol", result: "pending" }]);
      expect(await imports.summary("j1")).toEqual({ pending: 1, ok: 1, not_found: 1, failed: 0 });
      expect((await imports.rows("j1", { offset: 0, limit: 10 })).map((r) => r.result)).toEqual(["ok", "not_found", "pending"]);
      expect((await imports.rows("j1", { offset: 2, limit: 10 })).map((r) => r.line)).toEqual([3]);
    });

    it("moves through states and stamps finishedAt when done", async () => {
      const { imports } = get();
      await imports.create(job("j1"), ["a"]);
      await imports.setState("j1", "running", at(2));
      expect((await imports.job("j1"))!.finishedAt).toBeNull();
      await imports.setState("j1", "done", at(3));
      const done = await imports.job("j1");
      expect(done!.state).toBe("done");
      expect(done!.finishedAt!.getTime()).toBe(at(3).getTime());
      expect(await imports.job("nope")).toBeNull();
    });

    it("lists a user's jobs newest first and only theirs", async () => {
      const { imports } = get();
      await imports.create(job("j1", "u", at(1)), ["a"]);
      await imports.create(job("j2", "u", at(2)), ["a"]);
      await imports.create(job("j3", "other", at(3)), ["a"]);
      expect((await imports.jobsOf("u", 10)).map((j) => j.id)).toEqual(["j2", "j1"]);
      expect((await imports.jobsOf("u", 1)).map((j) => j.id)).toEqual(["j2"]);
    });

    it("creates a 20,000-row job and reads it back in pages", async () => {
      const { imports } = get();
      const ids = Array.from({ length: 20_000 }, (_, i) => `user${i}`);
      await imports.create({ ...job("big"), total: ids.length }, ids);
      expect((await imports.summary("big")).pending).toBe(20_000);
      const page = await imports.rows("big", { offset: 19_998, limit: 10 });
      expect(page.map((r) => r.identifier)).toEqual(["user19998", "user19999"]);
      await imports.recordResults("big", ids.slice(0, 5000).map((_, i) => ({ line: i + 1, result: "ok" as const })));
      expect((await imports.summary("big")).ok).toBe(5000);
      expect((await imports.pendingRows("big", 1))[0]!.line).toBe(5001);
    });

    it("refuses a second job with the same id and keeps the first intact", async () => {
      const { imports } = get();
      await imports.create(job("j1"), ["a", "b"]);
      await expect(imports.create(job("j1"), ["c"])).rejects.toThrow();
      expect((await imports.rows("j1", { offset: 0, limit: 10 })).map((r) => r.identifier)).toEqual(["a", "b"]);
    });
  });
}
