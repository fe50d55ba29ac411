/**
 * The Fastify example over real HTTP on PostgreSQL. Skipped with a visible message when no
 * PostgreSQL is reachable, unless PLEROMA_KIT_REQUIRE_PG=1 (CI), which makes that a failure.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWhenPostgres, mastodonClient, probePostgres } from "@pleroma-kit/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningExample } from "../src/server.js";

const databaseUrl = process.env.PLEROMA_KIT_PG_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const problem = await probePostgres(databaseUrl);

describeWhenPostgres(problem, "Fastify on PostgreSQL example", () => {
  // A table prefix of its own, so parallel runs on one database never meet.
  const tablePrefix = `ex${randomBytes(4).toString("hex")}_`;
  const filesDir = mkdtempSync(join(tmpdir(), "pk-fastify-example-"));
  const options = { port: 0, baseUrl: "http://social.example", databaseUrl, tablePrefix, filesDir, admin: "admin:admin-password" };
  let server: RunningExample;

  beforeAll(async () => {
    server = await start(options);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(filesDir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ tablename: string }>("select tablename from pg_tables where tablename like $1", [`${tablePrefix}%`]);
    for (const row of rows) await client.query(`drop table if exists "${row.tablename}" cascade`);
    await client.end();
  });

  it("reacts to a status, lists the reaction and removes it", async () => {
    const api = mastodonClient(server.url);
    const bob = await api.signUp("bob");
    const alice = await api.signUp("alice");
    const status = await api.call("POST", "/api/v1/statuses", { token: bob.token, json: { status: "hello", visibility: "public" } });
    expect(status.status).toBe(200);
    const path = `/api/v1/pleroma/statuses/${status.body.id}/reactions/${encodeURIComponent("🎉")}`;

    const put = await api.call("PUT", path, { token: alice.token });
    expect(put.status).toBe(200);
    expect(put.body.pleroma.emoji_reactions).toEqual([{ name: "🎉", count: 1, me: true, url: null, account_ids: [alice.id] }]);
    const list = await api.call("GET", `/api/v1/pleroma/statuses/${status.body.id}/reactions`, { token: bob.token });
    expect(list.body.map((r: { name: string; me: boolean; accounts: { id: string }[] }) => [r.name, r.me, r.accounts.map((a) => a.id)])).toEqual([
      ["🎉", false, [alice.id]],
    ]);
    const rows = new pg.Client({ connectionString: databaseUrl });
    await rows.connect();
    try {
      const tables = await rows.query<{ tablename: string }>("select tablename from pg_tables where tablename like $1", [`${tablePrefix}%`]);
      expect(tables.rows.length).toBeGreaterThan(0);
    } finally {
      await rows.end();
    }
    const del = await api.call("DELETE", path, { token: alice.token });
    expect(del.body.pleroma.emoji_reactions).toEqual([]);
  });

  it("serves a backup made before a restart and still lists the admin's pack after it", async () => {
    const api = mastodonClient(server.url);
    const admin = await api.logIn("admin", "admin-password");
    expect((await api.call("POST", "/api/v1/pleroma/emoji/pack?name=kept", { token: admin.token, json: {} })).status).toBe(200);
    const dave = await api.signUp("dave");
    await api.call("POST", "/api/v1/statuses", { token: dave.token, json: { status: "in the backup", visibility: "public" } });
    expect((await api.call("POST", "/api/v1/pleroma/backups", { token: dave.token, json: {} })).status).toBe(200);
    const backup = await waitForBackup(api, dave.token);

    await server.close();
    server = await start(options);
    const after = mastodonClient(server.url);
    expect((await after.call("GET", "/api/v1/pleroma/emoji/packs?page_size=50")).body.packs).toHaveProperty("kept");
    const { pathname } = new URL(backup.url); // built from baseUrl; fetch it from this server
    const download = await fetch(`${server.url}${pathname}`);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBe(backup.file_size);
  }, 30_000);

  it("leaves other paths to the Fastify app", async () => {
    const api = mastodonClient(server.url);
    expect(await api.call("GET", "/")).toMatchObject({ status: 200, body: "a Fastify app with the Pleroma API mounted\n" });
    expect(await api.call("GET", "/api/v1/pleroma/no-such-endpoint")).toMatchObject({ status: 404, body: { error: "Not found" } });
  });
});

/** Polls the backup list until the user's one backup is processed. */
async function waitForBackup(api: ReturnType<typeof mastodonClient>, token: string): Promise<{ url: string; file_size: number }> {
  for (let i = 0; i < 200; i++) {
    const [backup] = (await api.call("GET", "/api/v1/pleroma/backups", { token })).body;
    if (backup?.processed) return backup;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the backup was not processed in time");
}
