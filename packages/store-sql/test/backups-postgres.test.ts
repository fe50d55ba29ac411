import { backupContract } from "@pleroma-kit/testkit";
import { randomBytes } from "node:crypto";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { describe } from "vitest";
import { createSqlStore, migrate } from "../src/index.js";

// Until the shared PostgreSQL fixture lands, this file builds its own: one pool per test, a random
// table prefix so parallel runs never collide, tables dropped afterwards.
describe("postgres", () => {
  backupContract(async () => {
    const db = new Kysely<any>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ host: "127.0.0.1", port: 5432, user: "postgres", database: "test", max: 10 }) }),
    });
    const tablePrefix = `t${randomBytes(5).toString("hex")}_`;
    await migrate(db, { dialect: "postgres", tablePrefix });
    return {
      store: createSqlStore(db, { dialect: "postgres", tablePrefix }),
      close: async () => {
        const tables = (await db.introspection.getTables()).filter((t) => t.name.startsWith(tablePrefix));
        for (const t of tables) await sql`drop table if exists ${sql.table(t.name)} cascade`.execute(db);
        await db.destroy();
      },
    };
  });
});
