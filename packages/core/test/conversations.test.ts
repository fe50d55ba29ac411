import { describe, expect, it } from "vitest";
import { createFakeWorld } from "./support/fake-world.js";

const P = "/api/v1/pleroma/conversations";

/** A DM from alice to bob and carol; returns everyone's participation ids. */
async function dmWorld(options: Parameters<typeof createFakeWorld>[0] = {}) {
  const w = createFakeWorld(options);
  const alice = w.user("alice");
  const bob = w.user("bob");
  const carol = w.user("carol");
  const dave = w.user("dave");
  const dm = await w.post(alice.id, { visibility: "direct", mentions: [bob.id, carol.id] });
  const part = async (userId: string) => (await w.store.conversations.participationByContext(userId, dm.context))!.id;
  return { w, alice, bob, carol, dave, dm, ids: { alice: await part(alice.id), bob: await part(bob.id), carol: await part(carol.id) } };
}

describe("GET /api/v1/pleroma/conversations/:id", () => {
  it("renders the caller's participation: accounts without self, seed's pleroma.recipients, last_status with direct_conversation_id", async () => {
    const { w, alice, bob, carol, dm, ids } = await dmWorld();
    const res = await w.call("GET", `${P}/${ids.bob}`, { token: bob.token });
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(ids.bob);
    expect(res.json.unread).toBe(true);
    expect(res.json.accounts.map((a: any) => a.id).sort()).toEqual([alice.id, carol.id].sort());
    expect(res.json.pleroma.recipients.map((a: any) => a.id).sort()).toEqual([alice.id, bob.id, carol.id].sort());
    expect(res.json.last_status.id).toBe(dm.id);
    expect(res.json.last_status.pleroma.direct_conversation_id).toBe(ids.bob);
    // The author's own participation is read; each user has their own id.
    const own = await w.call("GET", `${P}/${ids.alice}`, { token: alice.token });
    expect(own.json.unread).toBe(false);
    expect(new Set(Object.values(ids)).size).toBe(3);
  });

  it("also serves /api/pleroma/conversations/:id", async () => {
    const { w, bob, ids } = await dmWorld();
    expect((await w.call("GET", `/api/pleroma/conversations/${ids.bob}`, { token: bob.token })).json.id).toBe(ids.bob);
  });

  it("shows only the viewer when they are the only recipient", async () => {
    const w = createFakeWorld();
    const solo = w.user();
    const note = await w.post(solo.id, { visibility: "direct", mentions: [] });
    const id = (await w.store.conversations.participationByContext(solo.id, note.context))!.id;
    const res = await w.call("GET", `${P}/${id}`, { token: solo.token });
    expect(res.json.accounts.map((a: any) => a.id)).toEqual([solo.id]);
  });

  it("keeps last_status to direct statuses: a later public reply in the thread is not it", async () => {
    const { w, alice, bob, dm, ids } = await dmWorld();
    await w.post(alice.id, { visibility: "public", inReplyTo: dm.id });
    const res = await w.call("GET", `${P}/${ids.bob}`, { token: bob.token });
    expect(res.json.last_status.id).toBe(dm.id);
  });

  it("requires a user token with read:statuses", async () => {
    const { w, bob, ids } = await dmWorld();
    expect((await w.call("GET", `${P}/${ids.bob}`)).status).toBe(403);
    const res = await w.call("GET", `${P}/${ids.bob}`, { token: w.token(bob.id, ["write"]) });
    expect(res.status).toBe(403);
    expect(res.json.error).toBe("Insufficient permissions: read:statuses.");
  });
});

describe("ownership: a participation that is not yours is 404 on every endpoint", () => {
  it("answers Unknown conversation id to a non-participant and to another participant's id", async () => {
    const { w, bob, dave, ids } = await dmWorld();
    for (const [token, id] of [
      [dave.token, ids.bob],
      [bob.token, ids.carol],
      [bob.token, "999999"],
    ] as const) {
      for (const [method, path] of [
        ["GET", `${P}/${id}`],
        ["GET", `${P}/${id}/statuses`],
        ["PATCH", `${P}/${id}?recipients[]=${dave.id}`],
      ] as const) {
        const res = await w.call(method, path, { token });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.json).toEqual({ error: "Unknown conversation id" });
      }
    }
    // Nothing changed through the refused PATCH.
    expect((await w.store.conversations.participation(ids.bob))!.recipientIds).not.toContain(dave.id);
  });

  it("answers 400 for a non-integer id", async () => {
    const { w, bob } = await dmWorld();
    const res = await w.call("GET", `${P}/abc`, { token: bob.token });
    expect(res.status).toBe(400);
  });

  it("refuses in_reply_to_conversation_id of another user's participation: the reply addresses no one", async () => {
    const { w, bob, dave, ids } = await dmWorld();
    const refused = await w.kit.services.conversations.resolveConversationAddressing(dave.id, ids.bob);
    expect(refused.isErr() && refused.error.status).toBe(404);
    const unknown = await w.kit.services.conversations.resolveConversationAddressing(bob.id, "424242");
    expect(unknown.isErr() && unknown.error.message).toBe("Unknown conversation id");
    await expect(w.post(dave.id, { inReplyToConversationId: ids.bob })).rejects.toThrow("Unknown conversation id");
  });
});

describe("GET /api/v1/pleroma/conversations/:id/statuses", () => {
  it("pages newest first and answers oldest first; Link next points to older statuses", async () => {
    const { w, bob, alice, dm, ids } = await dmWorld();
    const r1 = await w.post(bob.id, { inReplyToConversationId: ids.bob });
    const r2 = await w.post(bob.id, { inReplyToConversationId: ids.bob });
    const list = async (query: string) => w.call("GET", `${P}/${ids.alice}/statuses${query}`, { token: alice.token });

    expect((await list("")).json.map((s: any) => s.id)).toEqual([dm.id, r1.id, r2.id]);
    const page = await list("?limit=2");
    expect(page.json.map((s: any) => s.id)).toEqual([r1.id, r2.id]);
    const link = page.headers.get("link")!;
    expect(link).toContain(`https://social.example${P}/${ids.alice}/statuses?limit=2&max_id=${r1.id}>; rel="next"`);
    expect(link).toContain(`min_id=${r2.id}>; rel="prev"`);
    expect((await list(`?limit=2&max_id=${r1.id}`)).json.map((s: any) => s.id)).toEqual([dm.id]);
    expect((await list(`?min_id=${r1.id}`)).json.map((s: any) => s.id)).toEqual([r2.id]);
    expect((await list(`?min_id=${dm.id}&limit=1`)).json.map((s: any) => s.id)).toEqual([r1.id]);
    expect((await list(`?since_id=${dm.id}`)).json.map((s: any) => s.id)).toEqual([r1.id, r2.id]);
    expect((await list(`?limit=1&offset=5`)).json.map((s: any) => s.id)).toEqual([r2.id]);
    const empty = await list(`?min_id=${r2.id}`);
    expect(empty.json).toEqual([]);
    expect(empty.headers.get("link")).toBeNull();
  });

  it("clamps limit to 40 and treats an empty limit as the default", async () => {
    const { w, alice, ids } = await dmWorld();
    for (let i = 0; i < 45; i++) await w.post(alice.id, { inReplyToConversationId: ids.alice });
    expect((await w.call("GET", `${P}/${ids.alice}/statuses?limit=100`, { token: alice.token })).json).toHaveLength(40);
    expect((await w.call("GET", `${P}/${ids.alice}/statuses?limit=`, { token: alice.token })).json).toHaveLength(20);
    expect((await w.call("GET", `${P}/${ids.alice}/statuses?limit=abc`, { token: alice.token })).status).toBe(400);
  });

  it("includes public replies in the thread, and leaves out what the caller may not see or blocks", async () => {
    const { w, alice, bob, carol, dave, dm, ids } = await dmWorld();
    const pub = await w.post(carol.id, { visibility: "public", inReplyTo: dm.id });
    // A followers-only reply by dave, whom bob does not follow: invisible to bob.
    const priv = await w.post(dave.id, { visibility: "private", inReplyTo: dm.id });
    const fromCarol = await w.post(carol.id, { inReplyToConversationId: ids.carol });
    w.blocks.add(w.pair(bob.id, carol.id));
    const res = await w.call("GET", `${P}/${ids.bob}/statuses`, { token: bob.token });
    expect(res.json.map((s: any) => s.id)).toEqual([dm.id]);
    w.blocks.clear();
    const again = await w.call("GET", `${P}/${ids.bob}/statuses`, { token: bob.token });
    expect(again.json.map((s: any) => s.id)).toEqual([dm.id, pub.id, fromCarol.id]);
    expect(again.json.map((s: any) => s.id)).not.toContain(priv.id);
    expect(alice.id).toBeDefined();
  });

  it("fills a page past hidden statuses", async () => {
    const { w, alice, bob, carol, ids } = await dmWorld();
    const kept = await w.post(alice.id, { inReplyToConversationId: ids.alice });
    for (let i = 0; i < 30; i++) await w.post(carol.id, { inReplyToConversationId: ids.carol });
    w.blocks.add(w.pair(bob.id, carol.id));
    const res = await w.call("GET", `${P}/${ids.bob}/statuses?limit=2`, { token: bob.token });
    expect(res.json.map((s: any) => s.id)[1]).toBe(kept.id);
    expect(res.json).toHaveLength(2);
  });
});

describe("PATCH /api/v1/pleroma/conversations/:id", () => {
  it("replaces the recipients from the query, keeps the owner, ignores unknown ids, leaves others alone", async () => {
    const { w, alice, bob, carol, dave, ids } = await dmWorld();
    const res = await w.call("PATCH", `${P}/${ids.alice}?recipients[]=${dave.id}&recipients[]=nobody`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.json.accounts.map((a: any) => a.id)).toEqual([dave.id]);
    expect(res.json.pleroma.recipients.map((a: any) => a.id).sort()).toEqual([alice.id, dave.id].sort());
    expect(res.json.unread).toBe(false);
    const bobs = await w.call("GET", `${P}/${ids.bob}`, { token: bob.token });
    expect(bobs.json.accounts.map((a: any) => a.id).sort()).toEqual([alice.id, carol.id].sort());
    expect(bobs.json.unread).toBe(true);
  });

  it("does not read recipients from a JSON body", async () => {
    const { w, alice, dave, ids } = await dmWorld();
    const res = await w.call("PATCH", `${P}/${ids.alice}`, { token: alice.token, json: { recipients: [dave.id] } });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe("Missing field: recipients.");
  });

  it("needs write:conversations", async () => {
    const { w, alice, dave, ids } = await dmWorld();
    const res = await w.call("PATCH", `${P}/${ids.alice}?recipients[]=${dave.id}`, { token: w.token(alice.id, ["read"]) });
    expect(res.status).toBe(403);
  });
});

describe("POST /api/v1/pleroma/conversations/read", () => {
  it("answers the conversations it marked read, then []", async () => {
    const { w, alice, bob, ids } = await dmWorld();
    const second = await w.post(alice.id, { visibility: "direct", mentions: [bob.id] });
    const secondId = (await w.store.conversations.participationByContext(bob.id, second.context))!.id;
    const res = await w.call("POST", `${P}/read`, { token: bob.token });
    expect(res.status).toBe(200);
    expect(res.json.map((c: any) => c.id).sort()).toEqual([ids.bob, secondId].sort());
    expect(res.json.every((c: any) => c.unread === false)).toBe(true);
    expect((await w.call("POST", `${P}/read`, { token: bob.token })).json).toEqual([]);
    expect((await w.call("GET", `${P}/${ids.bob}`, { token: bob.token })).json.unread).toBe(false);
  });

  it("bumps a participation back to unread on a new direct reply", async () => {
    const { w, alice, bob, ids } = await dmWorld();
    await w.call("POST", `${P}/read`, { token: bob.token });
    await w.post(alice.id, { inReplyToConversationId: ids.alice });
    expect((await w.call("GET", `${P}/${ids.bob}`, { token: bob.token })).json.unread).toBe(true);
  });
});

describe("participation model", () => {
  it("creates a blocker's participation as read and keeps it read", async () => {
    const w = createFakeWorld();
    const alice = w.user();
    const bob = w.user();
    const carol = w.user();
    w.blocks.add(w.pair(bob.id, carol.id));
    const dm = await w.post(alice.id, { visibility: "direct", mentions: [bob.id, carol.id] });
    const bobs = (await w.store.conversations.participationByContext(bob.id, dm.context))!;
    expect(bobs.read).toBe(true);
    await w.post(alice.id, { visibility: "direct", mentions: [bob.id, carol.id], inReplyTo: dm.id });
    expect((await w.store.conversations.participation(bobs.id))!.read).toBe(true);
    expect((await w.store.conversations.participationByContext(carol.id, dm.context))!.read).toBe(false);
  });

  it("captures recipients once: a later DM mentioning someone new does not change them", async () => {
    const { w, alice, bob, dave, dm, ids } = await dmWorld();
    await w.post(alice.id, { visibility: "direct", mentions: [bob.id, dave.id], inReplyTo: dm.id });
    expect([...(await w.store.conversations.participation(ids.bob))!.recipientIds]).not.toContain(dave.id);
    const daves = await w.store.conversations.participationByContext(dave.id, dm.context);
    expect(daves!.recipientIds).toContain(dave.id);
  });

  it("addresses a reply by in_reply_to_conversation_id to the recipients, as direct, in the same thread", async () => {
    const { w, alice, bob, carol, dm, ids } = await dmWorld();
    const reply = await w.post(bob.id, { inReplyToConversationId: ids.bob, visibility: "public" });
    expect(reply.visibility).toBe("direct");
    expect(reply.context).toBe(dm.context);
    expect(reply.mentionIds.sort()).toEqual([alice.id, carol.id].sort());
  });

  it("exposes the viewer's participation id for a thread (direct_conversation_id)", async () => {
    const { w, bob, dave, dm, ids } = await dmWorld();
    expect((await w.kit.services.conversations.directConversationId(bob.id, dm.context))._unsafeUnwrap()).toBe(ids.bob);
    expect((await w.kit.services.conversations.directConversationId(dave.id, dm.context))._unsafeUnwrap()).toBeNull();
  });
});

describe("Mastodon /api/v1/conversations (for hosts that mount mastodonConversationRoutes)", () => {
  it("lists, filters by recipients, marks one read and deletes; another user's id is 404", async () => {
    const { w, alice, bob, carol, dave, ids } = await dmWorld({ mastodonRoutes: true });
    const second = await w.post(alice.id, { visibility: "direct", mentions: [bob.id] });
    const secondId = (await w.store.conversations.participationByContext(bob.id, second.context))!.id;
    const list = await w.call("GET", "/api/v1/conversations", { token: bob.token });
    expect(list.json.map((c: any) => c.id)).toEqual([secondId, ids.bob]);
    const filtered = await w.call("GET", `/api/v1/conversations?recipients[]=${alice.id}&recipients[]=${carol.id}`, { token: bob.token });
    expect(filtered.json.map((c: any) => c.id)).toEqual([ids.bob]);
    const read = await w.call("POST", `/api/v1/conversations/${ids.bob}/read`, { token: bob.token });
    expect(read.json.unread).toBe(false);
    expect((await w.call("GET", "/api/v1/conversations", { token: bob.token })).json[0].id).toBe(ids.bob);
    expect((await w.call("POST", `/api/v1/conversations/${ids.bob}/read`, { token: dave.token })).status).toBe(404);
    expect((await w.call("DELETE", `/api/v1/conversations/${ids.bob}`, { token: dave.token })).status).toBe(404);
    expect((await w.call("DELETE", `/api/v1/conversations/${ids.bob}`, { token: bob.token })).json).toEqual({});
    expect((await w.call("GET", "/api/v1/conversations", { token: bob.token })).json.map((c: any) => c.id)).toEqual([secondId]);
  });
});
