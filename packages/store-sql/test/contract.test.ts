import { runStoreContract } from "@pleroma-kit/testkit";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { createSqlStore, migrate } from "../src/index.js";

runStoreContract("sqlite", async () => {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(":memory:") }) });
  await migrate(db, { dialect: "sqlite" });
  return { store: createSqlStore(db, { dialect: "sqlite" }), close: () => db.destroy() };
});
