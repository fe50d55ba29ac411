import { newUser, UniqueViolation, type NewUser } from "@pleroma-kit/reference-host";
import { expect, it } from "vitest";
import { createSqlHostData, migrate } from "../src/index.js";
import { describeStores } from "./fixtures/databases.js";

const user = (id: string, nickname: string, email: string | null): NewUser =>
  newUser({ id, nickname, email, passwordHash: "$scrypt$x", hideFavorites: false });

// Beyond the port's contract: what the SQL schema itself guarantees.
describeStores("SQL host data", (open) => {
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
      expect(await migrate(t.db, t.options)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
