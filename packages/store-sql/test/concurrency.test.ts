/**
 * The port's concurrency promises kept by PostgreSQL itself, with real parallel connections (the
 * contract suite runs them too, but through a small pool): security.md's "100 users reacting to
 * one status at once -> 100", and one winner among identical adds, also when the adds come from
 * two app instances (two pools) on one database. (The reference host's tables have their own
 * concurrency test in packages/reference-host/test/storage.)
 */
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { createSqlStore, migrate, openSqlDatabase } from "../src/index.js";
import { migrations } from "../src/migrations/index.js";
import { describePostgres, dropPrefixed, postgresDb, postgresUrl } from "./fixtures/databases.js";

const now = new Date();
/** Many connections at once on a shared machine: allow for a slow start. */
const SLOW = 30_000;

describePostgres("PostgreSQL concurrency with parallel connections", () => {
  it("keeps all 100 reactions of 100 users reacting to one status at once", async () => {
    const t = await postgresDb({ poolMax: 20 });
    try {
      const store = createSqlStore(t.db, t.options);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => store.reactions.add({ statusId: "s1", userId: `u${i}`, name: "👍", url: null, createdAt: now })),
      );
      expect(results.every(Boolean)).toBe(true);
      const users = (await store.reactions.groupsFor(["s1"])).get("s1")?.[0]?.userIds ?? [];
      expect(new Set(users).size).toBe(100);
      // The adds really ran on many connections at once, not one after another.
      const pool = t.poolStats!();
      expect(pool.active + pool.idle).toBeGreaterThanOrEqual(10);
    } finally {
      await t.close();
    }
  }, SLOW);

  it("lets one of 20 identical reactions win, split across two app instances", async () => {
    const t = await postgresDb({ poolMax: 10 });
    const other = await openSqlDatabase(postgresUrl, { poolMax: 10 });
    try {
      const a = createSqlStore(t.db, t.options);
      const b = createSqlStore(other.db, t.options);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).reactions.add({ statusId: "s1", userId: "u1", name: "👍", url: null, createdAt: now })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await a.reactions.groupsFor(["s1"])).get("s1")).toEqual([{ name: "👍", url: null, userIds: ["u1"] }]);
      const removals = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).reactions.remove("s1", "u1", { name: "👍", url: null })),
      );
      expect(removals.filter(Boolean)).toHaveLength(1);
    } finally {
      await other.close();
      await t.close();
    }
  }, SLOW);

  it("applies each migration exactly once when four instances migrate one fresh database at once", async () => {
    const pools = await Promise.all([openSqlDatabase(postgresUrl, { poolMax: 2 }), openSqlDatabase(postgresUrl, { poolMax: 2 })]);
    const options = { dialect: "postgres" as const, tablePrefix: `m${randomBytes(5).toString("hex")}_` };
    try {
      const applied = await Promise.all([0, 1, 2, 3].map((i) => migrate(pools[i % 2]!.db, options)));
      expect(applied.flat().sort()).toEqual(migrations.map((m) => m.name).sort());
      expect(await migrate(pools[0]!.db, options)).toEqual([]);
    } finally {
      await dropPrefixed(pools[0]!.db, options.tablePrefix);
      await Promise.all(pools.map((p) => p.close()));
    }
  }, SLOW);
});
