/**
 * End to end on the reference host: library routes and the reference host's Mastodon routes
 * through `kit.fetch`, statuses posted with `POST /api/v1/statuses` as clients do.
 */
import { createPleromaKit, inProcessJobs, mastodonConversationRoutes, silentLogger } from "@pleroma-kit/core";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { describe, expect, it } from "vitest";
import { localNickname, mastodonRoutes } from "../src/index.js";
import { testHost } from "./support.js";

async function world() {
  const { host, user } = testHost();
  const jobs = inProcessJobs({ logger: silentLogger });
  const kit = createPleromaKit({
    baseUrl: "https://local.example",
    store: createMemoryStore(),
    host: host.ports,
    jobs,
    logger: silentLogger,
    extraRoutes: (services) => [...mastodonRoutes(host, services), ...mastodonConversationRoutes],
  });
  const app = await host.apps.create({ name: "e2e", scopes: ["read", "write", "follow"] });
  const tokens = new Map<string, string>();
  const account = async (nickname: string) => {
    const row = await user(nickname);
    const token = await host.tokens.issue(row.id, app.id, ["read", "write", "follow"]);
    tokens.set(row.id, token);
    return { ...row, token };
  };
  const call = async (method: string, path: string, token?: string, json?: unknown) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (json !== undefined) headers["content-type"] = "application/json";
    const res = await kit.fetch(new Request(`http://x${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) }));
    return { status: res!.status, json: await res!.json(), headers: res!.headers };
  };
  const post = async (
    authorId: string,
    content: string,
    extra: { visibility?: string; inReplyToId?: string; inReplyToConversationId?: string } = {},
  ) => {
    const res = await call("POST", "/api/v1/statuses", tokens.get(authorId), {
      status: content,
      visibility: extra.visibility ?? "public",
      ...(extra.inReplyToId ? { in_reply_to_id: extra.inReplyToId } : {}),
      ...(extra.inReplyToConversationId ? { in_reply_to_conversation_id: extra.inReplyToConversationId } : {}),
    });
    if (res.status !== 200) throw Object.assign(new Error(JSON.stringify(res.json)), { status: res.status });
    return (await host.data.statuses.byId(res.json.id))!;
  };
  return { host, kit, jobs, account, call, post };
}

describe("conversations end to end on the reference host", () => {
  it("three users DM, one edits the recipients, a conversation reply reaches exactly the new set, a fourth user gets 404 everywhere", async () => {
    const { host, account, call, post } = await world();
    const alice = await account("alice");
    const bob = await account("bob");
    const carol = await account("carol");
    const dave = await account("dave");

    const dm = await post(alice.id, "@bob @carol secret plans", { visibility: "direct" });
    const conversations = async (who: { token: string }) => (await call("GET", "/api/v1/conversations", who.token)).json;
    const [aliceConv] = await conversations(alice);
    const [bobConv] = await conversations(bob);
    const [carolConv] = await conversations(carol);
    expect(aliceConv.last_status.id).toBe(dm.id);
    expect(bobConv.unread).toBe(true);
    expect(aliceConv.unread).toBe(false);
    expect(aliceConv.accounts.map((a: any) => a.username).sort()).toEqual(["bob", "carol"]);
    expect(await conversations(dave)).toEqual([]);

    // Bob answers the thread through the conversation: it reaches alice and carol.
    const bobReply = await post(bob.id, "agreed", { inReplyToConversationId: bobConv.id, visibility: "public" });
    expect(bobReply.visibility).toBe("direct");
    expect([...bobReply.mentionIds].sort()).toEqual([alice.id, carol.id].sort());

    // Alice drops carol from her conversation.
    const patched = await call("PATCH", `/api/v1/pleroma/conversations/${aliceConv.id}?recipients[]=${bob.id}`, alice.token);
    expect(patched.status).toBe(200);
    expect(patched.json.accounts.map((a: any) => a.username)).toEqual(["bob"]);
    expect(patched.json.pleroma.recipients.map((a: any) => a.username).sort()).toEqual(["alice", "bob"]);

    // Her reply mentions carol and dave in the text, yet reaches exactly {bob}.
    const reply = await post(alice.id, "@carol @dave just us now", { inReplyToConversationId: aliceConv.id });
    expect(reply.visibility).toBe("direct");
    expect(reply.contextId).toBe(dm.contextId);
    expect([...reply.mentionIds]).toEqual([bob.id]);
    expect(await host.ports.statuses.getVisible(reply.id, bob.id)).not.toBeNull();
    expect(await host.ports.statuses.getVisible(reply.id, carol.id)).toBeNull();
    expect(await host.ports.statuses.getVisible(reply.id, dave.id)).toBeNull();
    const mentionsOf = async (userId: string) =>
      (await host.data.notifications.list(userId, { limit: 40 })).filter((n) => n.statusId === reply.id).map((n) => n.type);
    expect(await mentionsOf(bob.id)).toEqual(["mention"]);
    expect(await mentionsOf(carol.id)).toEqual([]);
    expect(await mentionsOf(dave.id)).toEqual([]);
    const create = host.published.find((a) => a.type === "Create" && a.object === reply.id)!;
    expect([...create.to, ...create.cc]).toEqual([bob.id]);

    // The thread as each participant sees it.
    const timeline = async (who: { token: string }, id: string) =>
      (await call("GET", `/api/v1/pleroma/conversations/${id}/statuses`, who.token)).json.map((s: any) => s.id);
    expect(await timeline(bob, bobConv.id)).toEqual([dm.id, bobReply.id, reply.id]);
    expect(await timeline(carol, carolConv.id)).toEqual([dm.id, bobReply.id]);
    const bobsView = await call("GET", `/api/v1/pleroma/conversations/${bobConv.id}`, bob.token);
    expect(bobsView.json.last_status.id).toBe(reply.id);
    expect(bobsView.json.last_status.pleroma.direct_conversation_id).toBe(bobConv.id);

    // Dave: 404 on every conversation endpoint, for every participant's id.
    for (const id of [aliceConv.id, bobConv.id, carolConv.id]) {
      for (const [method, path] of [
        ["GET", `/api/v1/pleroma/conversations/${id}`],
        ["GET", `/api/v1/pleroma/conversations/${id}/statuses`],
        ["PATCH", `/api/v1/pleroma/conversations/${id}?recipients[]=${dave.id}`],
        ["POST", `/api/v1/conversations/${id}/read`],
        ["DELETE", `/api/v1/conversations/${id}`],
      ] as const) {
        const res = await call(method, path, dave.token);
        expect(res.status, `${method} ${path}`).toBe(404);
      }
      await expect(post(dave.id, "let me in", { inReplyToConversationId: id })).rejects.toMatchObject({ status: 404 });
    }
    expect(await call("POST", "/api/v1/pleroma/conversations/read", dave.token)).toMatchObject({ status: 200, json: [] });
    expect((await host.data.statuses.byAuthor(dave.id, { limit: 10 })).length).toBe(0);
  });

  it("notifies subscribers, lists favourites by status id, and imports follows on the reference host", async () => {
    const { host, jobs, account, call, post } = await world();
    const alice = await account("alice");
    const bob = await account("bob");
    const sub = await call("POST", `/api/v1/pleroma/accounts/${alice.id}/subscribe`, bob.token);
    expect(sub.json).toMatchObject({ id: alice.id, subscribing: true, notifying: true });
    const top = await post(alice.id, "hello world");
    await post(alice.id, "a reply", { inReplyToId: top.id });
    const notes = await host.data.notifications.list(bob.id, { limit: 40 });
    expect(notes.map((n) => [n.type, n.statusId])).toEqual([["mention", top.id]]);

    const older = await post(alice.id, "older");
    const newer = await post(alice.id, "newer");
    // Liked newest-first but listed by status id.
    await host.statuses.favourite(bob.id, newer.id);
    await host.statuses.favourite(bob.id, older.id);
    expect((await call("GET", `/api/v1/pleroma/accounts/${bob.id}/favourites`)).json).toEqual({ error: "Can't get favorites" });
    await host.data.users.update(bob.id, { hideFavorites: false });
    const favs = await call("GET", `/api/v1/pleroma/accounts/${bob.id}/favourites?limit=1`);
    expect(favs.json.map((s: any) => s.id)).toEqual([newer.id]);
    expect(favs.headers.get("link")).toContain(`max_id=${newer.id}`);

    const carol = await account("carol");
    const res = await call("POST", "/api/pleroma/follow_import", carol.token, {
      list: `Account address,Show boosts\nalice,true\n@bob@local.example,true\nhttps://local.example/users/carol,true\nnobody@far.example,true`,
    });
    expect(res.json).toBe("job started");
    await jobs.drain();
    const job = await call("GET", new URL(res.headers.get("location")!).pathname, carol.token);
    expect(job.json.counts).toEqual({ pending: 0, ok: 2, not_found: 1, failed: 1 });
    expect((await host.data.relations.allFrom("follow", carol.id)).sort()).toEqual([alice.id, bob.id].sort());
  });

  it("maps import identifiers of this instance to local nicknames", () => {
    expect(localNickname("https://local.example/users/ann", "https://local.example", "local.example")).toBe("ann");
    expect(localNickname("ann@LOCAL.example", "https://local.example", "local.example")).toBe("ann");
    expect(localNickname("ann@far.example", "https://local.example", "local.example")).toBe("ann@far.example");
  });

  it("renders the viewer's participation id as direct_conversation_id in single-status responses only", async () => {
    const { account, call, post } = await world();
    const alice = await account("alice");
    const bob = await account("bob");
    const dm = await post(alice.id, "@bob psst", { visibility: "direct" });
    const [aliceConv] = (await call("GET", "/api/v1/conversations", alice.token)).json;
    const [bobConv] = (await call("GET", "/api/v1/conversations", bob.token)).json;
    expect(aliceConv.id).not.toBe(bobConv.id);
    expect((await call("GET", `/api/v1/statuses/${dm.id}`, bob.token)).json.pleroma.direct_conversation_id).toBe(bobConv.id);
    expect((await call("GET", `/api/v1/statuses/${dm.id}`, alice.token)).json.pleroma.direct_conversation_id).toBe(aliceConv.id);
    const reacted = await call("PUT", `/api/v1/pleroma/statuses/${dm.id}/reactions/${encodeURIComponent("👍")}`, bob.token);
    expect(reacted.json.pleroma.direct_conversation_id).toBeNull();
    const pub = await post(alice.id, "hello world");
    expect((await call("GET", `/api/v1/statuses/${pub.id}`, alice.token)).json.pleroma.direct_conversation_id).toBeNull();
  });
});
