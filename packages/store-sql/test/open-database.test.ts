import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createSqlStore, migrate, openSqlDatabase } from "../src/index.js";
import { describePostgres, postgresUrl } from "./fixtures/databases.js";

const pragma = async (db: Parameters<typeof migrate>[0], name: string) =>
  Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as Record<string, unknown>)[0];

describe("openSqlDatabase: SQLite", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("creates the parent folder, sets WAL, busy timeout and foreign keys, and keeps data across reopen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pk-open-"));
    dirs.push(dir);
    const file = join(dir, "nested", "deeper", "app.sqlite");
    const first = await openSqlDatabase(`sqlite:${file}`, { busyTimeoutMs: 1234 });
    expect(first.dialect).toBe("sqlite");
    expect(existsSync(file)).toBe(true);
    expect(await pragma(first.db, "journal_mode")).toBe("wal");
    expect(await pragma(first.db, "busy_timeout")).toBe(1234);
    expect(await pragma(first.db, "foreign_keys")).toBe(1);
    await migrate(first.db, { dialect: "sqlite" });
    const store = createSqlStore(first.db, { dialect: "sqlite" });
    await store.reactions.add({ statusId: "s1", userId: "u1", name: "👍", url: null, createdAt: new Date() });
    expect(store.health.pool).toBeUndefined();
    await first.close();

    const second = await openSqlDatabase(`sqlite:${file}`);
    expect(await migrate(second.db, { dialect: "sqlite" })).toEqual([]);
    const again = createSqlStore(second.db, { dialect: "sqlite" });
    expect((await again.reactions.groupsFor(["s1"])).get("s1")?.[0]?.userIds).toEqual(["u1"]);
    await second.close();
  });

  it("opens sqlite::memory: without touching the disk", async () => {
    const opened = await openSqlDatabase("sqlite::memory:");
    expect(await pragma(opened.db, "foreign_keys")).toBe(1);
    expect(await migrate(opened.db, { dialect: "sqlite" })).not.toEqual([]);
    expect(existsSync(":memory:")).toBe(false);
    await opened.close();
  });

  it("refuses other URLs without echoing them (they may hold a password)", async () => {
    await expect(openSqlDatabase("mysql://root:hunter2@db/app")).rejects.toThrow(/unsupported database URL/);
    await expect(openSqlDatabase("mysql://root:hunter2@db/app")).rejects.not.toThrow(/hunter2/);
    await expect(openSqlDatabase("sqlite:")).rejects.toThrow(TypeError);
  });
});

describePostgres("openSqlDatabase: PostgreSQL", () => {
  it("accepts postgres:// and postgresql:// and reports pool figures through health.pool()", async () => {
    for (const url of [postgresUrl, postgresUrl.replace(/^postgres(ql)?:/, "postgresql:")]) {
      const opened = await openSqlDatabase(url, { poolMax: 7 });
      expect(opened.dialect).toBe("postgres");
      const store = createSqlStore(opened.db, { dialect: "postgres", poolStats: opened.poolStats! });
      expect(await store.health.ping()).toBe(true);
      const figures = await store.health.pool!();
      expect(figures.size).toBe(7);
      expect(figures.active + figures.idle).toBeGreaterThanOrEqual(1);
      expect(figures.active).toBe(0);
      await opened.close();
    }
  });
});
