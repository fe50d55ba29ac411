import { describe, expect, it } from "vitest";
import { createFakeWorld } from "./support/fake-world.js";

describe("GET /api/v1/pleroma/accounts/:id/favourites", () => {
  async function liked(count: number) {
    const w = createFakeWorld();
    const author = w.user();
    const liker = w.user();
    w.users.get(liker.id)!.hideFavorites = false;
    const posts = [];
    for (let i = 0; i < count; i++) posts.push(await w.post(author.id));
    w.favourites.set(liker.id, new Set(posts.map((p) => p.id)));
    return { w, author, liker, posts };
  }

  it("lists liked posts newest status first with Link headers keeping other params", async () => {
    const { w, liker, posts } = await liked(10);
    const res = await w.call("GET", `/api/v1/pleroma/accounts/${liker.id}/favourites?limit=3&foo=bar`);
    expect(res.status).toBe(200);
    expect(res.json.map((s: any) => s.id)).toEqual([posts[9]!.id, posts[8]!.id, posts[7]!.id]);
    const link = res.headers.get("link")!;
    expect(link).toContain(`limit=3&foo=bar&max_id=${posts[7]!.id}>; rel="next"`);
    expect(link).toContain(`min_id=${posts[9]!.id}>; rel="prev"`);
  });

  it("pages by since_id/max_id/min_id and caps limit at 40", async () => {
    const { w, liker, posts } = await liked(45);
    const ids = (r: any) => r.json.map((s: any) => s.id);
    const url = `/api/v1/pleroma/accounts/${liker.id}/favourites`;
    expect(ids(await w.call("GET", `${url}?since_id=${posts[2]!.id}&max_id=${posts[6]!.id}`))).toEqual([posts[5]!.id, posts[4]!.id, posts[3]!.id]);
    expect(ids(await w.call("GET", `${url}?min_id=${posts[0]!.id}&limit=2`))).toEqual([posts[2]!.id, posts[1]!.id]);
    expect((await w.call("GET", `${url}?limit=100`)).json).toHaveLength(40);
    expect((await w.call("GET", `${url}?offset=3&limit=1`)).json.map((s: any) => s.id)).toEqual([posts[44]!.id]);
  });

  it("shows a liked DM to its parties only", async () => {
    const w = createFakeWorld();
    const sender = w.user();
    const liker = w.user();
    w.users.get(liker.id)!.hideFavorites = false;
    const stranger = w.user();
    const dm = await w.post(sender.id, { visibility: "direct", mentions: [liker.id] });
    w.favourites.set(liker.id, new Set([dm.id]));
    const url = `/api/v1/pleroma/accounts/${liker.id}/favourites`;
    expect((await w.call("GET", url)).json).toEqual([]);
    expect((await w.call("GET", url, { token: stranger.token })).json).toEqual([]);
    expect((await w.call("GET", url, { token: sender.token })).json.map((s: any) => s.id)).toEqual([dm.id]);
    expect((await w.call("GET", url, { token: liker.token })).json.map((s: any) => s.id)).toEqual([dm.id]);
    // A token without read:favourites is served as anonymous (soft scope).
    expect((await w.call("GET", url, { token: w.token(sender.id, ["write"]) })).json).toEqual([]);
  });

  it("excludes posts by accounts the reader blocks", async () => {
    const { w, author, liker, posts } = await liked(2);
    const reader = w.user();
    w.blocks.add(w.pair(reader.id, author.id));
    expect((await w.call("GET", `/api/v1/pleroma/accounts/${liker.id}/favourites`, { token: reader.token })).json).toEqual([]);
    expect(posts).toHaveLength(2);
  });

  it("is 403 Can't get favorites when hidden (the default), even for the account itself; 404 for unknown ids", async () => {
    const w = createFakeWorld();
    const fresh = w.user();
    const own = await w.call("GET", `/api/v1/pleroma/accounts/${fresh.id}/favourites`, { token: fresh.token });
    expect(own.status).toBe(403);
    expect(own.json).toEqual({ error: "Can't get favorites" });
    const unknown = await w.call("GET", "/api/v1/pleroma/accounts/test/favourites");
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: "Record not found" });
  });

  it("refuses anonymous readers on a private instance", async () => {
    const w = createFakeWorld({ public: false });
    const liker = w.user();
    w.users.get(liker.id)!.hideFavorites = false;
    const res = await w.call("GET", `/api/v1/pleroma/accounts/${liker.id}/favourites`);
    expect(res.status).toBe(403);
    expect(res.json.error).toBe("This resource requires authentication.");
  });
});

describe("POST /api/v1/pleroma/accounts/:id/subscribe|unsubscribe", () => {
  it("subscribes idempotently, answers the relationship with subscribing and notifying, and unsubscribes", async () => {
    const w = createFakeWorld();
    const reader = w.user();
    const target = w.user();
    const first = await w.call("POST", `/api/v1/pleroma/accounts/${target.id}/subscribe`, { token: reader.token });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ id: target.id, subscribing: true, notifying: true, following: false, blocked_by: false });
    expect((await w.call("POST", `/api/v1/pleroma/accounts/${target.id}/subscribe`, { token: reader.token })).json.subscribing).toBe(true);
    expect(w.subscriptions.size).toBe(1);
    const off = await w.call("POST", `/api/v1/pleroma/accounts/${target.id}/unsubscribe`, { token: reader.token });
    expect(off.json).toMatchObject({ subscribing: false, notifying: false });
    expect((await w.call("POST", `/api/v1/pleroma/accounts/${target.id}/unsubscribe`, { token: reader.token })).status).toBe(200);
  });

  it("refuses when the target blocks the reader, self-subscription, unknown ids and wrong scopes", async () => {
    const w = createFakeWorld();
    const reader = w.user();
    const target = w.user("grumpy");
    w.blocks.add(w.pair(target.id, reader.id));
    const blocked = await w.call("POST", `/api/v1/pleroma/accounts/${target.id}/subscribe`, { token: reader.token });
    expect(blocked.status).toBe(403);
    expect(blocked.json).toEqual({ error: "Could not subscribe: grumpy is blocking you" });
    expect(w.subscriptions.size).toBe(0);
    const self = await w.call("POST", `/api/v1/pleroma/accounts/${reader.id}/subscribe`, { token: reader.token });
    expect(self.status).toBe(422);
    expect((await w.call("POST", "/api/v1/pleroma/accounts/nope/subscribe", { token: reader.token })).json).toEqual({ error: "Record not found" });
    const scoped = await w.call("POST", `/api/v1/pleroma/accounts/${target.id}/unsubscribe`, { token: w.token(reader.id, ["read"]) });
    expect(scoped.status).toBe(403);
    expect(scoped.json.error).toBe("Insufficient permissions: follow | write:follows.");
    expect((await w.call("POST", `/api/v1/pleroma/accounts/${target.id}/subscribe`, { token: w.token(reader.id, ["write:follows"]) })).status).toBe(403);
  });

  it("notifies subscribers of new top-level posts they may see, as mentions", async () => {
    const w = createFakeWorld();
    const author = w.user();
    const fan = w.user();
    const muter = w.user();
    const mentioned = w.user();
    for (const u of [fan, muter, mentioned]) await w.call("POST", `/api/v1/pleroma/accounts/${author.id}/subscribe`, { token: u.token });
    w.mutes.add(w.pair(muter.id, author.id));
    const post = await w.post(author.id, { mentions: [mentioned.id] });
    expect(w.notifications).toEqual([{ type: "mention", recipientId: fan.id, actorId: author.id, statusId: post.id }]);
    await w.post(author.id, { inReplyTo: post.id });
    await w.post(author.id, { visibility: "private" });
    expect(w.notifications).toHaveLength(1);
    w.follows.add(w.pair(fan.id, author.id));
    await w.post(author.id, { visibility: "private" });
    expect(w.notifications).toHaveLength(2);
  });

  it("answers Not implemented when the host has no subscription or favourites port", async () => {
    const w = createFakeWorld({ withPorts: false });
    const reader = w.user();
    const target = w.user();
    const res = await w.call("POST", `/api/v1/pleroma/accounts/${target.id}/subscribe`, { token: reader.token });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: "Not implemented" });
    expect((await w.call("GET", `/api/v1/pleroma/accounts/${target.id}/favourites`)).status).toBe(404);
  });
});
