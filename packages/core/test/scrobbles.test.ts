import { describe, expect, it } from "vitest";
import { createFakeWorld } from "./support/fake-world.js";

describe("POST /api/v1/pleroma/scrobble", () => {
  it("stores a Listen, publishes it and answers the scrobble with HTML stripped", async () => {
    const w = createFakeWorld();
    const me = w.user("listener");
    const res = await w.call("POST", "/api/v1/pleroma/scrobble", {
      token: me.token,
      json: { title: "<b>Song</b>", artist: "Band", album: "LP", length: 180000 },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ title: "Song", artist: "Band", album: "LP", length: 180000, account: { id: me.id } });
    expect(res.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(w.published).toHaveLength(1);
    expect(w.published[0]).toMatchObject({ type: "Listen", actorId: me.id, object: { type: "Audio", title: "Song" } });
    expect(w.published[0]!.to).toEqual(["https://www.w3.org/ns/activitystreams#Public"]);
  });

  it("requires a title and the write scope", async () => {
    const w = createFakeWorld();
    const me = w.user();
    const res = await w.call("POST", "/api/v1/pleroma/scrobble", { token: me.token, json: { artist: "x" } });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe("Missing field: title.");
    expect((await w.call("POST", "/api/v1/pleroma/scrobble", { token: w.token(me.id, ["read"]), json: { title: "t" } })).status).toBe(403);
    expect(w.published).toEqual([]);
  });
});

describe("GET /api/v1/pleroma/accounts/:id/scrobbles", () => {
  it("lists by id or nickname, newest first, paged, with visibility respected", async () => {
    const w = createFakeWorld();
    const me = w.user("listener");
    const follower = w.user();
    const stranger = w.user();
    w.follows.add(w.pair(follower.id, me.id));
    const made: Record<string, string> = {};
    for (const visibility of ["public", "unlisted", "private", "direct"]) {
      const r = await w.call("POST", "/api/v1/pleroma/scrobble", { token: me.token, json: { title: visibility, visibility } });
      made[visibility] = r.json.id;
    }
    const titles = (r: any) => r.json.map((s: any) => s.title);
    expect(titles(await w.call("GET", `/api/v1/pleroma/accounts/${me.id}/scrobbles`))).toEqual(["unlisted", "public"]);
    expect(titles(await w.call("GET", "/api/v1/pleroma/accounts/listener/scrobbles", { token: stranger.token }))).toEqual(["unlisted", "public"]);
    expect(titles(await w.call("GET", `/api/v1/pleroma/accounts/${me.id}/scrobbles`, { token: follower.token }))).toEqual(["private", "unlisted", "public"]);
    expect(titles(await w.call("GET", `/api/v1/pleroma/accounts/${me.id}/scrobbles`, { token: me.token }))).toEqual(["direct", "private", "unlisted", "public"]);
    expect(titles(await w.call("GET", `/api/v1/pleroma/accounts/${me.id}/scrobbles?limit=1&max_id=${made.private}`, { token: me.token }))).toEqual(["unlisted"]);
    expect(titles(await w.call("GET", `/api/v1/pleroma/accounts/${me.id}/scrobbles?min_id=${made.public}&limit=2`, { token: me.token }))).toEqual(["private", "unlisted"]);
    // Direct and private Listens are not delivered beyond their audience.
    expect(w.published.map((a) => a.object && (a.object as any).title)).toEqual(["public", "unlisted", "private"]);
    expect(w.published[2]!.to).toEqual([`followers:${me.id}`]);
  });

  it("answers 404 for an unknown account", async () => {
    const w = createFakeWorld();
    const res = await w.call("GET", "/api/v1/pleroma/accounts/nobody/scrobbles");
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: "Record not found" });
  });
});
