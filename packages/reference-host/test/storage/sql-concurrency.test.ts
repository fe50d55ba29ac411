/**
 * The reference host's SQL storage under real parallel PostgreSQL connections: one winner among
 * identical adds, and its migrator applying each migration once when instances start together.
 */
import { randomBytes } from "node:crypto";
import { openSqlDatabase } from "@pleroma-kit/store-sql";
import { expect, it } from "vitest";
import { createSqlHostData, migrateReferenceHost } from "../../src/storage/sql/index.js";
import { referenceHostMigrations } from "../../src/storage/sql/migrations/index.js";
import { describePostgres, dropPrefixed, postgresDb, postgresUrl } from "./databases.js";

const now = new Date();
/** Many connections at once on a shared machine: allow for a slow start. */
const SLOW = 30_000;

describePostgres("reference host storage with parallel PostgreSQL connections", () => {
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
  }, SLOW);

  it("applies each migration exactly once when four instances migrate one fresh database at once", async () => {
    const pools = await Promise.all([openSqlDatabase(postgresUrl, { poolMax: 2 }), openSqlDatabase(postgresUrl, { poolMax: 2 })]);
    const options = { dialect: "postgres" as const, tablePrefix: `hm${randomBytes(5).toString("hex")}_` };
    try {
      const applied = await Promise.all([0, 1, 2, 3].map((i) => migrateReferenceHost(pools[i % 2]!.db, options)));
      expect(applied.flat().sort()).toEqual(referenceHostMigrations.map((m) => m.name).sort());
      expect(await migrateReferenceHost(pools[0]!.db, options)).toEqual([]);
    } finally {
      await dropPrefixed(pools[0]!.db, options.tablePrefix);
      await Promise.all(pools.map((p) => p.close()));
    }
  }, SLOW);
});
