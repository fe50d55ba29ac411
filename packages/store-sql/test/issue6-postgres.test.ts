/**
 * The conversations/imports/profile-media/scrobbles contracts on PostgreSQL, each test in its own
 * random table prefix. (The full store contract on PostgreSQL comes with the shared SQL fixture.)
 */
import { randomBytes } from "node:crypto";
import { conversationContract, importContract, profileMediaContract, scrobbleContract } from "@pleroma-kit/testkit";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { describe } from "vitest";
import { createSqlStore, migrate } from "../src/index.js";

const factory = async () => {
  const tablePrefix = `t${randomBytes(6).toString("hex")}_`;
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ host: "127.0.0.1", port: 5432, user: "postgres", database: "test", max: 4 }) }),
  });
  await migrate(db, { dialect: "postgres", tablePrefix });
  return {
    store: createSqlStore(db, { dialect: "postgres", tablePrefix }),
    close: async () => {
      const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => n.startsWith(tablePrefix));
      for (const name of tables) await db.schema.dropTable(name).ifExists().cascade().execute();
      await db.destroy();
    },
  };
};

describe("postgres: issue 6 stores", () => {
  conversationContract(factory);
  importContract(factory);
  profileMediaContract(factory);
  scrobbleContract(factory);
});
