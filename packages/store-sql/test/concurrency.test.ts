/**
 * The port's concurrency promises kept by PostgreSQL itself, with real parallel connections (the
 * contract suite runs them too, but through a small pool): security.md's "100 users reacting to
 * one status at once -> 100", and one winner among identical adds, also when the adds come from
 * two app instances (two pools) on one database.
 */
import { expect, it } from "vitest";
import { createSqlHostData, createSqlStore, openSqlDatabase } from "../src/index.js";
import { describePostgres, postgresDb, postgresUrl } from "./fixtures/databases.js";

const now = new Date();

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
  });

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
  });

  it("creates one follow and one favourite among 20 identical parallel adds", async () => {
    const t = await postgresDb({ poolMax: 20 });
    try {
      const data = createSqlHostData(t.db, t.options);
      const follows = await Promise.all(Array.from({ length: 20 }, () => data.relations.add("follow", "a", "b")));
      const favourites = await Promise.all(Array.from({ length: 20 }, () => data.favourites.add("a", "s1", now)));
      expect(follows.filter(Boolean)).toHaveLength(1);
      expect(favourites.filter(Boolean)).toHaveLength(1);
      expect((await data.relations.countTowards("follow", ["b"])).get("b")).toBe(1);
    } finally {
      await t.close();
    }
  });
});
