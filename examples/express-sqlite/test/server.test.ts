/**
 * The Express example over real HTTP: a reaction round trip on a fresh SQLite file, rows, a backup
 * and an emoji pack kept across a restart, and fall-through.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mastodonClient } from "@pleroma-kit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningExample } from "../src/server.js";

describe("Express on SQLite example", () => {
  const dir = mkdtempSync(join(tmpdir(), "pk-express-example-"));
  let server: RunningExample;
  const options = {
    port: 0,
    baseUrl: "http://social.example",
    databaseUrl: `sqlite:${join(dir, "db", "example.sqlite")}`,
    filesDir: join(dir, "files"),
    admin: "admin:admin-password",
  };

  beforeAll(async () => {
    server = await start(options);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reacts to a status, lists the reaction and removes it", async () => {
    const api = mastodonClient(server.url);
    const bob = await api.signUp("bob");
    const alice = await api.signUp("alice");
    const status = await api.call("POST", "/api/v1/statuses", { token: bob.token, json: { status: "hello", visibility: "public" } });
    expect(status.status).toBe(200);
    const path = `/api/v1/pleroma/statuses/${status.body.id}/reactions/${encodeURIComponent("👍")}`;

    const put = await api.call("PUT", path, { token: alice.token });
    expect(put.status).toBe(200);
    expect(put.body.pleroma.emoji_reactions).toEqual([{ name: "👍", count: 1, me: true, url: null, account_ids: [alice.id] }]);
    const list = await api.call("GET", `/api/pleroma/statuses/${status.body.id}/reactions`);
    expect(list.body.map((r: { name: string; accounts: { id: string }[] }) => [r.name, r.accounts.map((a) => a.id)])).toEqual([["👍", [alice.id]]]);
    const del = await api.call("DELETE", path, { token: alice.token });
    expect(del.body.pleroma.emoji_reactions).toEqual([]);
  });

  it("keeps the rows in the SQLite file across a restart", async () => {
    const api = mastodonClient(server.url);
    const carol = await api.signUp("carol");
    await server.close();
    server = await start(options);
    const again = await mastodonClient(server.url).call("GET", "/api/v1/accounts/verify_credentials", { token: carol.token });
    expect(again).toMatchObject({ status: 200, body: { id: carol.id } });
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

  it("leaves other paths to the Express app", async () => {
    const api = mastodonClient(server.url);
    expect(await api.call("GET", "/")).toMatchObject({ status: 200, body: "an Express app with the Pleroma API mounted\n" });
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
