import { migrate } from "@pleroma-kit/store-sql";
import { expect, it } from "vitest";
import { newUser, UniqueViolation, type NewUser } from "../../src/index.js";
import { createSqlHostData, migrateReferenceHost } from "../../src/storage/sql/index.js";
import { host002 } from "../../src/storage/sql/migrations/002-host.js";
import { host003 } from "../../src/storage/sql/migrations/003-pleroma-fe.js";
import { describeDialects, tableName } from "./databases.js";

const user = (id: string, nickname: string, email: string | null): NewUser =>
  newUser({ id, nickname, email, passwordHash: "$scrypt$x", hideFavorites: false });

// Beyond the port's contract: what the SQL schema itself guarantees.
describeDialects("SQL host data", (open) => {
  it("refuses an update to a nickname or email taken in another case, leaving the row as it was", async () => {
    const t = await open();
    try {
      const data = createSqlHostData(t.db, t.options);
      await data.users.create(user("u1", "alice", "alice@example.com"));
      const bob = await data.users.create(user("u2", "bob", "bob@example.com"));
      await expect(data.users.update("u2", { nickname: "ALICE" })).rejects.toBeInstanceOf(UniqueViolation);
      await expect(data.users.update("u2", { email: "Alice@Example.com" })).rejects.toMatchObject({ field: "email" });
      expect(await data.users.byId("u2")).toEqual(bob);
    } finally {
      await t.close();
    }
  });

  it("keys a remote account stored as a bare nickname by nick@domain, also after its domain changes", async () => {
    const t = await open();
    try {
      const data = createSqlHostData(t.db, t.options);
      await data.users.create(user("u1", "carol", null));
      await data.users.create({ ...user("u2", "carol", null), domain: "remote.example" });
      expect((await data.users.byNickname("carol"))?.id).toBe("u1");
      expect((await data.users.byNickname("Carol@Remote.Example"))?.id).toBe("u2");
      await data.users.update("u2", { domain: "moved.example" });
      expect((await data.users.byNickname("carol@moved.example"))?.id).toBe("u2");
      expect(await data.users.byNickname("carol@remote.example")).toBeNull();
    } finally {
      await t.close();
    }
  });

  it("migrates once: a second migrate applies nothing", async () => {
    const t = await open();
    try {
      expect(await migrateReferenceHost(t.db, t.options)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it("keeps its history apart from the library's: each migrate records only its own migrations", async () => {
    const t = await open();
    try {
      const library = await migrate(t.db, t.options);
      expect(library.length).toBeGreaterThan(0);
      expect(library).not.toContain(host002.name);
      expect(await migrateReferenceHost(t.db, t.options)).toEqual([]);
      const names = async (table: string) => (await t.db.selectFrom(tableName(t, table)).select("name").execute()).map((r) => r.name as string).sort();
      expect(await names("reference_host_migrations")).toEqual([host002.name, host003.name]);
      expect(await names("migrations")).toEqual([...library].sort());
    } finally {
      await t.close();
    }
  });
});

// A database that store-sql 0.1.0 migrated: the host tables exist and `002-host` is recorded in
// the library's history. The reference host's migrate must take them over, not fail on them.
describeDialects("SQL host data on a database migrated by store-sql 0.1.0", (open) => {
  it("records 002-host without creating anything and keeps the rows", async () => {
    const t = await open();
    try {
      // Tables of a second prefix (dropped with the test's own), laid out as 0.1.0 left them.
      const old = { ...t.options, tablePrefix: `${t.options.tablePrefix ?? "pk_"}old_` };
      await migrate(t.db, old);
      await host002.up({ db: t.db, dialect: t.dialect, t: (name) => `${old.tablePrefix}${name}` });
      await t.db.insertInto(`${old.tablePrefix}migrations`).values({ name: host002.name, applied_at: new Date().toISOString() }).execute();
      const before = await createSqlHostData(t.db, old).users.create(user("u1", "alice", "alice@example.com"));

      expect(await migrate(t.db, old)).toEqual([]);
      // 002 is only recorded (its tables exist); 003 then changes them.
      expect(await migrateReferenceHost(t.db, old)).toEqual([host002.name, host003.name]);
      expect(await migrateReferenceHost(t.db, old)).toEqual([]);
      expect(await createSqlHostData(t.db, old).users.byId("u1")).toEqual(before);
    } finally {
      await t.close();
    }
  });
});
