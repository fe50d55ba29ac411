/**
 * The account-security contracts (MFA, attempts, captcha, account settings) on PostgreSQL, where
 * "exactly one winner" is decided by real concurrent connections. Each test gets its own random
 * table prefix and drops its tables afterwards. Skipped when no server answers at 127.0.0.1:5432.
 */
import { accountSettingsContract, attemptsContract, captchaContract, mfaContract, type StoreFactory } from "@pleroma-kit/testkit";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { describe } from "vitest";
import { createSqlStore, migrate } from "../src/index.js";

const connection = { host: "127.0.0.1", port: 5432, user: "postgres", database: "test" };

async function reachable(): Promise<boolean> {
  const client = new pg.Client(connection);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const available = await reachable();

const factory: StoreFactory = async () => {
  const tablePrefix = `t${Math.random().toString(36).slice(2, 10)}_`;
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ ...connection, max: 10 }) }) });
  await migrate(db, { dialect: "postgres", tablePrefix });
  return {
    store: createSqlStore(db, { dialect: "postgres", tablePrefix }),
    close: async () => {
      const tables = await sql<{ tablename: string }>`select tablename from pg_tables where tablename like ${`${tablePrefix}%`}`.execute(db);
      for (const { tablename } of tables.rows) await sql`drop table if exists ${sql.table(tablename)} cascade`.execute(db);
      await db.destroy();
    },
  };
};

describe.skipIf(!available)("account-security contracts: postgres", () => {
  mfaContract(factory);
  attemptsContract(factory);
  captchaContract(factory);
  accountSettingsContract(factory);
});
