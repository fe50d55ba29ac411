/** The Koa example over real HTTP: a reaction round trip in memory, and fall-through. */
import { mastodonClient } from "@pleroma-kit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningExample } from "../src/server.js";

describe("Koa on memory example", () => {
  let server: RunningExample;

  beforeAll(async () => {
    server = await start({ port: 0, baseUrl: "http://social.example" });
  });
  afterAll(async () => server?.close());

  it("reacts to a status, lists the reaction and removes it", async () => {
    const api = mastodonClient(server.url);
    const bob = await api.signUp("bob");
    const alice = await api.signUp("alice");
    const status = await api.call("POST", "/api/v1/statuses", { token: bob.token, json: { status: "hello", visibility: "public" } });
    expect(status.status).toBe(200);
    const path = `/api/v1/pleroma/statuses/${status.body.id}/reactions/${encodeURIComponent("🎅")}`;

    const put = await api.call("PUT", path, { token: alice.token });
    expect(put.status).toBe(200);
    expect(put.body.pleroma.emoji_reactions).toEqual([{ name: "🎅", count: 1, me: true, url: null, account_ids: [alice.id] }]);
    const one = await api.call("GET", `/api/pleroma/statuses/${status.body.id}/reactions/${encodeURIComponent("🎅")}`);
    expect(one.body.map((r: { name: string; count: number }) => [r.name, r.count])).toEqual([["🎅", 1]]);
    const del = await api.call("DELETE", path, { token: alice.token });
    expect(del.body.pleroma.emoji_reactions).toEqual([]);
    expect(await api.call("DELETE", path, { token: alice.token })).toMatchObject({ status: 400, body: { error: "Could not remove reaction emoji" } });
  });

  it("leaves other paths to the Koa app", async () => {
    const api = mastodonClient(server.url);
    expect(await api.call("GET", "/")).toMatchObject({ status: 200, body: "a Koa app with the Pleroma API mounted\n" });
    expect(await api.call("POST", "/api/v1/pleroma/no-such-endpoint", { json: {} })).toMatchObject({ status: 404, body: { error: "Not found" } });
  });
});
