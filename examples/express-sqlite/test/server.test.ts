/** The Express example over real HTTP: a reaction round trip on a fresh SQLite file, and fall-through. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mastodonClient } from "@pleroma-kit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningExample } from "../src/server.js";

describe("Express on SQLite example", () => {
  const dir = mkdtempSync(join(tmpdir(), "pk-express-example-"));
  let server: RunningExample;

  beforeAll(async () => {
    server = await start({ port: 0, baseUrl: "http://social.example", databaseUrl: `sqlite:${join(dir, "db", "example.sqlite")}` });
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
    server = await start({ port: 0, baseUrl: "http://social.example", databaseUrl: `sqlite:${join(dir, "db", "example.sqlite")}` });
    const again = await mastodonClient(server.url).call("GET", "/api/v1/accounts/verify_credentials", { token: carol.token });
    expect(again).toMatchObject({ status: 200, body: { id: carol.id } });
  });

  it("leaves other paths to the Express app", async () => {
    const api = mastodonClient(server.url);
    expect(await api.call("GET", "/")).toMatchObject({ status: 200, body: "an Express app with the Pleroma API mounted\n" });
    expect(await api.call("GET", "/api/v1/pleroma/no-such-endpoint")).toMatchObject({ status: 404, body: { error: "Not found" } });
  });
});
