import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { cachedStatements } from "../src/index.js";

/** A better-sqlite3 database that counts `prepare` calls. */
function counted() {
  const raw = new Database(":memory:");
  let prepared = 0;
  const database = {
    close: () => raw.close(),
    prepare: (sql: string) => {
      prepared++;
      return raw.prepare(sql);
    },
  };
  return { database, prepared: () => prepared };
}

describe("cachedStatements", () => {
  it("prepares each SQL text once and answers every run with fresh parameters", async () => {
    const { database, prepared } = counted();
    const cache = cachedStatements(database, 8);
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: cache }) });
    await db.schema.createTable("t").addColumn("id", "integer", (c) => c.primaryKey()).addColumn("v", "text").execute();
    for (let i = 0; i < 10; i++) await db.insertInto("t").values({ id: i, v: `v${i}` }).execute();
    const before = prepared();
    const values = [];
    for (let i = 0; i < 10; i++) values.push((await db.selectFrom("t").select("v").where("id", "=", i).executeTakeFirst())?.v);
    expect(values).toEqual(["v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"]);
    expect(prepared() - before).toBe(1);
    // Streaming reuses the statement too, and a run after the stream sees the same rows.
    const streamed = [];
    for await (const row of db.selectFrom("t").select("id").orderBy("id").stream()) streamed.push(row.id);
    expect(streamed).toHaveLength(10);
    await db.destroy();
  });

  it("keeps at most `max` statements, dropping the least recently used", async () => {
    const { database, prepared } = counted();
    const cache = cachedStatements(database, 2);
    cache.prepare("select 1");
    cache.prepare("select 2");
    cache.prepare("select 1"); // used again: now "select 2" is the oldest
    cache.prepare("select 3");
    expect(cache.size).toBe(2);
    const before = prepared();
    cache.prepare("select 1");
    expect(prepared() - before).toBe(0);
    cache.prepare("select 2");
    expect(prepared() - before).toBe(1);
    cache.close();
  });

  it("with max 0 prepares every time", () => {
    const { database, prepared } = counted();
    const cache = cachedStatements(database, 0);
    cache.prepare("select 1");
    cache.prepare("select 1");
    expect(prepared()).toBe(2);
    expect(cache.size).toBe(0);
    cache.close();
  });
});
