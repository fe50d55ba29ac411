/**
 * The rest of issue 6 against the demo server over real HTTP: a follow import as a background job
 * with its per-row report, favourites of another account, subscribe/unsubscribe, the mascot
 * (images only, by magic bytes), profile images set and cleared, and scrobbles.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, quickUser, startServer, stores, TINY_PNG, unique } from "./support.js";

describe("issue 6 endpoints over HTTP: koa on memory", () => {
  let ctx: Awaited<ReturnType<typeof startServer>>;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    ctx = await startServer("koa", stores[0]!);
    call = client(ctx.server);
  });
  afterAll(async () => ctx?.stop());
  const file = (field: string, bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => {
    const f = new FormData();
    f.append(field, new Blob([bytes], { type }), name);
    return f;
  };

  it("imports follows from a Mastodon CSV upload as a job with a per-row report; an empty list is 400", async () => {
    const alice = await quickUser(ctx.server, unique("alice"));
    const friends = await Promise.all([1, 2].map((i) => quickUser(ctx.server, unique(`friend${i}`))));
    const csv = `Account address,Show boosts\n${friends.map((f) => `${f.nickname},true`).join("\n")}\nghost@nowhere.example,true\n`;
    const started = await fetch(`${ctx.server.url}/api/pleroma/follow_import`, {
      method: "POST",
      headers: { authorization: `Bearer ${alice.token}` },
      body: file("list", new TextEncoder().encode(csv), "following_accounts.csv", "text/csv"),
    });
    expect(started.status).toBe(200);
    const location = started.headers.get("location")!;
    let job: any;
    for (let i = 0; i < 100; i++) {
      job = (await call("GET", new URL(location).pathname, { token: alice.token })).body;
      if (job.state === "done" || job.state === "failed") break;
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(job).toMatchObject({ state: "done", total: 3 });
    const rows = (await call("GET", `${new URL(location).pathname}/rows`, { token: alice.token })).body as any[];
    expect(rows).toHaveLength(3);
    const relationships = await call("GET", `/api/v1/accounts/relationships?${friends.map((f) => `id[]=${f.id}`).join("&")}`, { token: alice.token });
    expect(relationships.body.map((r: any) => r.following)).toEqual([true, true]);
    expect((await call("POST", "/api/pleroma/follow_import", { token: alice.token, json: { list: "   " } })).status).toBe(400);
  });

  it("lists another account's favourites unless hidden, and subscribes with notifying", async () => {
    const alice = await quickUser(ctx.server, unique("alice"));
    const bob = await quickUser(ctx.server, unique("bob"));
    const status = await call("POST", "/api/v1/statuses", { token: bob.token, json: { status: "fav me", visibility: "public" } });
    await call("POST", `/api/v1/statuses/${status.body.id}/favourite`, { token: alice.token, json: {} });
    await ctx.server.host.data.users.update(alice.id, { hideFavorites: false });
    const favs = await call("GET", `/api/v1/pleroma/accounts/${alice.id}/favourites`, { token: bob.token });
    expect(favs.body.map((s: any) => s.id)).toEqual([status.body.id]);
    await ctx.server.host.data.users.update(alice.id, { hideFavorites: true });
    expect((await call("GET", `/api/v1/pleroma/accounts/${alice.id}/favourites`, { token: bob.token })).status).toBe(403);

    const sub = await call("POST", `/api/v1/pleroma/accounts/${bob.id}/subscribe`, { token: alice.token, json: {} });
    expect(sub.body).toMatchObject({ id: bob.id, subscribing: true, notifying: true });
    await call("POST", "/api/v1/statuses", { token: bob.token, json: { status: "news for subscribers", visibility: "public" } });
    const notifications = (await call("GET", "/api/v1/notifications", { token: alice.token })).body as any[];
    expect(notifications.some((n) => n.status?.content?.includes("news for subscribers"))).toBe(true);
    expect((await call("POST", `/api/v1/pleroma/accounts/${bob.id}/unsubscribe`, { token: alice.token, json: {} })).body).toMatchObject({ subscribing: false, notifying: false });
  });

  it("sets the mascot from an image only, and sets and clears the avatar", async () => {
    const alice = await quickUser(ctx.server, unique("alice"));
    const mp3 = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0]);
    expect(await call("PUT", "/api/v1/pleroma/mascot", { token: alice.token, form: file("file", mp3, "song.png", "image/png") })).toMatchObject({
      status: 415,
      body: { error: "mascots can only be images" },
    });
    const set = await call("PUT", "/api/v1/pleroma/mascot", { token: alice.token, form: file("file", TINY_PNG, "m.png", "image/png") });
    expect(set).toMatchObject({ status: 200, body: { type: "image", pleroma: { mime_type: "image/png" } } });
    expect((await call("GET", "/api/v1/pleroma/mascot", { token: alice.token })).body.url).toBe(set.body.url);
    expect((await fetch(set.body.url)).status).toBe(200);

    const avatar = await call("PATCH", "/api/v1/pleroma/accounts/update_avatar", { token: alice.token, form: file("img", TINY_PNG, "a.png", "image/png") });
    expect(avatar.status).toBe(200);
    expect((await call("GET", "/api/v1/accounts/verify_credentials", { token: alice.token })).body.avatar).toBe(avatar.body.url);
    const cleared = new FormData();
    cleared.append("img", "");
    expect((await call("PATCH", "/api/v1/pleroma/accounts/update_avatar", { token: alice.token, form: cleared })).status).toBe(200);
  });

  it("records scrobbles and lists them, newest first", async () => {
    const alice = await quickUser(ctx.server, unique("alice"));
    for (const title of ["Song A", "Song B"]) {
      expect((await call("POST", "/api/v1/pleroma/scrobble", { token: alice.token, json: { title, artist: "Band", length: 180000 } })).status).toBe(200);
    }
    expect((await call("POST", "/api/v1/pleroma/scrobble", { token: alice.token, json: {} })).status).toBe(400);
    const listed = await call("GET", `/api/v1/pleroma/accounts/${alice.id}/scrobbles`);
    expect(listed.body.map((s: any) => s.title)).toEqual(["Song B", "Song A"]);
    expect(ctx.server.host.published.filter((a) => a.type === "Listen" && a.actorId === alice.id)).toHaveLength(2);
  });
});
