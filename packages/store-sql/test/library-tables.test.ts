/**
 * Issue 12: `migrate` creates the library's tables only. The reference host's tables (users,
 * tokens, statuses...) belong to `@pleroma-kit/reference-host/sql` and never appear in an
 * embedder's database through store-sql.
 */
import { describe, expect, it } from "vitest";
import { describeStores, sqliteDb } from "./fixtures/databases.js";

const HOST_TABLES = ["users", "tokens", "statuses", "apps", "relations", "favourites", "notifications"];

describeStores("migrate", (open) => {
  it("creates only prefixed library tables, none of the reference host's", async () => {
    const t = await open();
    try {
      const prefix = t.options.tablePrefix ?? "pk_";
      // PostgreSQL's schema is shared with other tests: look at this test's prefix only.
      const names = (await t.db.introspection.getTables()).map((table) => table.name).filter((name) => name.startsWith(prefix));
      const unprefixed = names.map((name) => name.slice(prefix.length));
      expect(unprefixed).toContain("migrations");
      expect(unprefixed).toContain("reactions");
      for (const host of HOST_TABLES) expect(unprefixed).not.toContain(host);
      expect(unprefixed).not.toContain("reference_host_migrations");
      const recorded = (await t.db.selectFrom(`${prefix}migrations`).select("name").execute()).map((r) => r.name as string);
      expect(recorded).not.toContain("002-host");
    } finally {
      await t.close();
    }
  });
});

describe("migrate on a fresh SQLite database", () => {
  it("leaves nothing but its own prefixed tables", async () => {
    const t = await sqliteDb();
    try {
      const names = (await t.db.introspection.getTables()).map((table) => table.name);
      expect(names.length).toBeGreaterThan(5);
      expect(names.filter((name) => !name.startsWith("pk_"))).toEqual([]);
      expect(names).not.toEqual(expect.arrayContaining(["pk_users"]));
    } finally {
      await t.close();
    }
  });
});
