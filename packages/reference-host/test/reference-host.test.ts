import { hashPassword } from "@pleroma-kit/core";
import { pbkdf2Sync } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Visibility } from "@pleroma-kit/core";
import { conversationIdOf, tokenHash } from "../src/index.js";
import { testHost } from "./support.js";

describe("visibility", () => {
  async function world() {
    const t = testHost();
    const author = await t.user("author");
    const follower = await t.user("follower");
    const mentioned = await t.user("mentioned");
    const stranger = await t.user("stranger");
    const remote = await t.host.data.users.create({
      ...(await t.host.data.users.byId(stranger.id))!,
      id: "remote-1",
      nickname: "far@remote.example",
      email: null,
      domain: "remote.example",
    });
    await t.host.relations.follow(follower.id, author.id);
    const posts = {} as Record<Visibility, string>;
    for (const v of ["public", "unlisted", "private", "direct", "local", "list"] as const) {
      posts[v] = (await t.host.statuses.post({ authorId: author.id, content: `hi @mentioned (${v})`, visibility: v })).id;
    }
    return { ...t, author, follower, mentioned, stranger, remote, posts };
  }

  const matrix: Array<[Visibility, Record<string, boolean>]> = [
    ["public", { author: true, follower: true, mentioned: true, stranger: true, remote: true, anonymous: true }],
    ["unlisted", { author: true, follower: true, mentioned: true, stranger: true, remote: true, anonymous: true }],
    ["private", { author: true, follower: true, mentioned: true, stranger: false, remote: false, anonymous: false }],
    ["direct", { author: true, follower: false, mentioned: true, stranger: false, remote: false, anonymous: false }],
    ["list", { author: true, follower: false, mentioned: true, stranger: false, remote: false, anonymous: false }],
    ["local", { author: true, follower: true, mentioned: true, stranger: true, remote: false, anonymous: false }],
  ];

  it.each(matrix)("%s statuses are visible to exactly the right viewers", async (visibility, expected) => {
    const w = await world();
    const viewers: Record<string, string | null> = {
      author: w.author.id, follower: w.follower.id, mentioned: w.mentioned.id, stranger: w.stranger.id, remote: w.remote.id, anonymous: null,
    };
    for (const [name, viewerId] of Object.entries(viewers)) {
      const id = w.posts[visibility];
      const seen = (await w.host.ports.statuses.getVisible(id, viewerId)) !== null;
      const rendered = (await w.host.ports.statuses.render([id], viewerId)).has(id);
      expect({ name, seen, rendered }).toEqual({ name, seen: expected[name], rendered: expected[name] });
    }
  });

  it("hides everything of an author who blocks the viewer, and of a deactivated author", async () => {
    const w = await world();
    await w.host.relations.block(w.author.id, w.stranger.id);
    expect(await w.host.ports.statuses.getVisible(w.posts.public, w.stranger.id)).toBeNull();
    expect(await w.host.ports.statuses.getVisible(w.posts.public, w.follower.id)).not.toBeNull();
    await w.host.users.deactivate(w.author.id);
    expect(await w.host.ports.statuses.getVisible(w.posts.public, null)).toBeNull();
  });

  it("answers unknown ids with null", async () => {
    const w = await world();
    expect(await w.host.ports.statuses.getVisible("nope", w.author.id)).toBeNull();
    expect((await w.host.ports.statuses.render(["nope"], w.author.id)).size).toBe(0);
  });

  it("exposes addressing for federation", async () => {
    const w = await world();
    expect(await w.host.ports.statuses.getVisible(w.posts.direct, w.mentioned.id)).toMatchObject({
      id: w.posts.direct, authorId: w.author.id, visibility: "direct", addressedTo: [w.mentioned.id],
    });
  });
});

describe("authenticator", () => {
  it("stores only the SHA-256 of a token and resolves the bearer to its user and scopes", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const app = await t.host.apps.create({ name: "app", scopes: ["read", "write"] });
    const bearer = await t.host.tokens.issue(alice.id, app.id, ["read"]);
    expect(await t.host.data.tokens.byHash(bearer)).toBeNull();
    expect(await t.host.data.tokens.byHash(tokenHash(bearer))).toMatchObject({ userId: alice.id });
    expect(tokenHash(bearer)).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.host.ports.auth.authenticateToken(bearer)).toMatchObject({
      user: { id: alice.id, nickname: "alice", isAdmin: false }, scopes: ["read"], via: "token",
    });
    expect(await t.host.ports.auth.authenticateSession!(bearer)).toMatchObject({ user: { id: alice.id }, via: "cookie" });
    expect(await t.host.ports.auth.authenticateToken(`${bearer}x`)).toBeNull();
  });

  it("gives app-only tokens no user", async () => {
    const t = testHost();
    const app = await t.host.apps.create({ name: "app", scopes: ["read"] });
    const bearer = await t.host.tokens.issue(null, app.id, ["read"]);
    expect(await t.host.ports.auth.authenticateToken(bearer)).toMatchObject({ user: null, scopes: ["read"] });
  });

  it("drops deactivated users and revoked or expired tokens", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const bob = await t.user("bob");
    const app = await t.host.apps.create({ name: "app", scopes: ["read"] });
    const a = await t.host.tokens.issue(alice.id, app.id, ["read"]);
    const b = await t.host.tokens.issue(bob.id, app.id, ["read"]);
    await t.host.data.users.update(alice.id, { isActive: false });
    expect(await t.host.ports.auth.authenticateToken(a)).toBeNull();
    expect(await t.host.ports.auth.authenticateBasic!("alice", "alice-pw")).toBeNull();
    expect(await t.host.tokens.revoke(b)).toBe(true);
    expect(await t.host.ports.auth.authenticateToken(b)).toBeNull();
    const row = await t.host.data.tokens.create({
      id: "t-exp", tokenHash: tokenHash("expiring"), appId: app.id, userId: bob.id, scopes: ["read"], createdAt: t.clock.now(), expiresAt: new Date(t.clock.now().getTime() + 1000),
    });
    expect(row.expiresAt).not.toBeNull();
    expect(await t.host.ports.auth.authenticateToken("expiring")).not.toBeNull();
    t.clock.advance(1000);
    expect(await t.host.ports.auth.authenticateToken("expiring")).toBeNull();
  });

  it("checks Basic logins by nickname or email, case-insensitively, with all scopes", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    expect(await t.host.ports.auth.authenticateBasic!("alice", "alice-pw")).toMatchObject({ user: { id: alice.id }, scopes: "all", via: "basic" });
    expect(await t.host.ports.auth.authenticateBasic!("ALICE@mail.example", "alice-pw")).toMatchObject({ user: { id: alice.id } });
    expect(await t.host.ports.auth.authenticateBasic!("alice", "wrong")).toBeNull();
    expect(await t.host.ports.auth.authenticateBasic!("nobody", "alice-pw")).toBeNull();
  });

  it("accepts a migrated Pleroma password and upgrades it to scrypt", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const salt = Buffer.alloc(16, 3);
    const key = pbkdf2Sync("old-secret", salt, 1000, 64, "sha512");
    const enc = (b: Buffer) => b.toString("base64").replace(/=+$/, "").replaceAll("+", ".");
    await t.host.data.users.update(alice.id, { passwordHash: `$pbkdf2-sha512$1000$${enc(salt)}$${enc(key)}` });
    expect(await t.host.ports.auth.authenticateBasic!("alice", "old-secret")).not.toBeNull();
    const upgraded = (await t.host.data.users.byId(alice.id))!.passwordHash;
    expect(upgraded.startsWith("$scrypt$")).toBe(true);
    expect(await t.host.ports.auth.authenticateBasic!("alice", "old-secret")).not.toBeNull();
  });

  it("ensureAdmin creates the admin once and resets its password", async () => {
    const t = testHost();
    const first = await t.host.users.ensureAdmin("root", "one");
    const again = await t.host.users.ensureAdmin("root", "two");
    expect(again.id).toBe(first.id);
    expect(again.isAdmin).toBe(true);
    expect(await t.host.users.verifyLogin("root", "one")).toBeNull();
    expect((await t.host.users.verifyLogin("root", "two"))?.id).toBe(first.id);
    expect(await hashPassword("x", { ln: 4, r: 8, p: 1 })).toMatch(/^\$scrypt\$/);
  });
});

describe("rendering", () => {
  it("renders accounts with emojis, fields, pleroma, counts, and source only for self", async () => {
    const t = testHost();
    const alice = await t.user("alice", { displayName: "Alice <3" });
    const bob = await t.user("bob");
    await t.host.relations.follow(bob.id, alice.id);
    await t.host.statuses.post({ authorId: alice.id, content: "one", visibility: "public" });
    const asBob = (await t.host.ports.accounts.render([alice.id], bob.id)).get(alice.id)!;
    expect(asBob).toMatchObject({
      id: alice.id, username: "alice", acct: "alice", fqn: "alice@local.example", display_name: "Alice <3",
      emojis: [], fields: [], followers_count: 1, following_count: 0, statuses_count: 1, locked: false, bot: false,
      url: "https://local.example/users/alice", created_at: "2024-01-01T00:00:00.000Z", last_status_at: "2024-01-01",
      pleroma: { ap_id: "https://local.example/users/alice", is_admin: false, is_moderator: false, relationship: {}, tags: [] },
    });
    expect(asBob.source).toBeUndefined();
    expect((asBob.pleroma as Record<string, unknown>).email).toBeUndefined();
    const self = (await t.host.ports.accounts.render([alice.id], alice.id)).get(alice.id)!;
    expect(self.source).toMatchObject({ note: "", privacy: "public", pleroma: { actor_type: "Person" } });
    expect(self.pleroma).toMatchObject({ email: "alice@mail.example", unread_notifications_count: 1 });
  });

  it("leaves deactivated and unknown accounts out", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const bob = await t.user("bob");
    await t.host.users.deactivate(bob.id);
    const map = await t.host.ports.accounts.render([alice.id, bob.id, "nope"], null);
    expect([...map.keys()]).toEqual([alice.id]);
    expect([...(await t.host.ports.accounts.activeAmong([alice.id, bob.id, "nope"]))]).toEqual([alice.id]);
    expect(await t.host.ports.accounts.findByNickname("ALICE")).toMatchObject({ id: alice.id, isLocal: true, isActive: true });
  });

  it("renders statuses with every field megalodon and the front ends read", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const bob = await t.user("bob");
    const root = await t.host.statuses.post({ authorId: bob.id, content: "root", visibility: "public" });
    const reply = await t.host.statuses.post({ authorId: alice.id, content: "hey @bob <b>x</b>\nline", visibility: "unlisted", inReplyToId: root.id, spoilerText: "cw", sensitive: true });
    await t.host.statuses.favourite(bob.id, reply.id);
    const s = (await t.host.ports.statuses.render([reply.id], bob.id)).get(reply.id)!;
    const context = `https://local.example/contexts/${root.id}`;
    expect(s).toMatchObject({
      id: reply.id, reblog: null, in_reply_to_id: root.id, in_reply_to_account_id: bob.id, visibility: "unlisted",
      spoiler_text: "cw", sensitive: true, favourites_count: 1, favourited: true, replies_count: 0, reblogs_count: 0,
      media_attachments: [], tags: [], emojis: [], emoji_reactions: [], application: null, card: null, poll: null,
      mentions: [{ id: bob.id, acct: "bob", username: "bob", url: "https://local.example/users/bob" }],
      account: { id: alice.id, emojis: [] },
      pleroma: {
        local: true, context, conversation_id: conversationIdOf(context), direct_conversation_id: null,
        content: { "text/plain": "hey @bob <b>x</b>\nline" }, spoiler_text: { "text/plain": "cw" },
        in_reply_to_account_acct: "bob", emoji_reactions: [], parent_visible: true,
      },
    });
    expect(s.content).toBe(
      'hey <span class="h-card"><a class="u-url mention" href="https://local.example/users/bob" rel="ugc">@<span>bob</span></a></span> &#60;b&#62;x&#60;/b&#62;<br/>line',
    );
    expect(conversationIdOf(context)).toBeLessThan(2 ** 31);
    const rootEntity = (await t.host.ports.statuses.render([root.id], null)).get(root.id)!;
    expect(rootEntity).toMatchObject({ replies_count: 1, favourited: false, pleroma: { parent_visible: true } });
  });

  it("renders relationships with subscribing and notifying", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const bob = await t.user("bob");
    const locked = await t.user("locked", { isLocked: true });
    await t.host.relations.follow(alice.id, bob.id, { notify: true });
    await t.host.relations.follow(bob.id, alice.id);
    await t.host.relations.follow(alice.id, locked.id);
    await t.host.relations.mute(alice.id, locked.id);
    const [toBob, toLocked] = await t.host.relations.render(alice.id, [bob.id, locked.id]);
    expect(toBob).toEqual({
      id: bob.id, following: true, followed_by: true, blocking: false, blocked_by: false, muting: false, muting_notifications: false,
      subscribing: true, notifying: true, requested: false, requested_by: false, domain_blocking: false, showing_reblogs: true, endorsed: false, note: "",
    });
    expect(toLocked).toMatchObject({ following: false, requested: true, muting: true, muting_notifications: true });
    await t.host.relations.follow(alice.id, bob.id, { notify: false });
    expect((await t.host.relations.render(alice.id, [bob.id]))[0]).toMatchObject({ following: true, notifying: false });
  });
});

describe("relationships, notifications and federation", () => {
  it("hides blocked and (unless asked) muted accounts", async () => {
    const t = testHost();
    const [a, b, c, d] = await Promise.all(["a", "b", "c", "d"].map((n) => t.user(n)));
    await t.host.relations.block(a!.id, b!.id);
    await t.host.relations.mute(a!.id, c!.id);
    const ids = [b!.id, c!.id, d!.id];
    expect([...(await t.host.ports.relationships.hiddenFor(a!.id, ids, { includeMuted: false }))].sort()).toEqual([b!.id, c!.id].sort());
    expect([...(await t.host.ports.relationships.hiddenFor(a!.id, ids, { includeMuted: true }))]).toEqual([b!.id]);
  });

  it("creates notifications unless the recipient blocks the actor", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const bob = await t.user("bob");
    const carol = await t.user("carol");
    const post = await t.host.statuses.post({ authorId: alice.id, content: "mine", visibility: "public" });
    await t.host.relations.block(alice.id, carol.id);
    await t.host.ports.notifications.create({ type: "pleroma:emoji_reaction", recipientId: alice.id, actorId: bob.id, statusId: post.id, emoji: "👍" });
    await t.host.ports.notifications.create({ type: "pleroma:emoji_reaction", recipientId: alice.id, actorId: carol.id, statusId: post.id, emoji: "👎" });
    const rows = await t.host.data.notifications.list(alice.id, { limit: 20 });
    expect(rows.map((r) => [r.actorId, r.emoji])).toEqual([[bob.id, "👍"]]);
    const { entities } = await t.host.notifications.list(alice.id, { limit: 20 });
    expect(entities[0]).toMatchObject({
      type: "pleroma:emoji_reaction", emoji: "👍", emoji_url: null, account: { id: bob.id, emojis: [] },
      status: { id: post.id, pleroma: { local: true } }, pleroma: { is_seen: false, is_muted: false },
    });
  });

  it("marks one or all-up-to as read, rendering the entities and moving the marker", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const bob = await t.user("bob");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await t.host.statuses.post({ authorId: bob.id, content: `@alice ${i}`, visibility: "public" });
      ids.push((await t.host.data.notifications.list(alice.id, { limit: 1 }))[0]!.id);
      expect(s.mentionIds).toEqual([alice.id]);
    }
    expect(await t.host.ports.notifications.markOneRead!(bob.id, ids[0]!)).toBeNull();
    expect(await t.host.ports.notifications.markOneRead!(alice.id, ids[0]!)).toMatchObject({ id: ids[0], type: "mention", pleroma: { is_seen: true } });
    expect(t.host.markers.get(alice.id, "notifications")?.lastReadId).toBe(ids[0]);
    const changed = await t.host.ports.notifications.markReadUpTo!(alice.id, ids[1]!, 80);
    expect(changed.map((e) => e.id)).toEqual([ids[1]]);
    expect(t.host.markers.get(alice.id, "notifications")?.lastReadId).toBe(ids[1]);
    expect((await t.host.data.notifications.byId(ids[2]!))?.seen).toBe(false);
  });

  it("publishes activities to the inspectable outbox instead of delivering", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const bob = await t.user("bob");
    const dm = await t.host.statuses.post({ authorId: alice.id, content: "@bob psst", visibility: "direct" });
    await t.host.ports.federation.publish({ type: "Custom", actorId: alice.id, object: null, to: [], cc: [] });
    expect(t.host.published).toEqual([
      expect.objectContaining({ type: "Create", actorId: alice.id, object: dm.id, to: [bob.id], cc: [] }),
      expect.objectContaining({ type: "Custom" }),
    ]);
  });
});

describe("timelines", () => {
  it("home shows own and followed posts the viewer may see, paged and filled past hidden rows", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const bob = await t.user("bob");
    const carol = await t.user("carol");
    await t.host.relations.follow(alice.id, bob.id);
    const expected: string[] = [];
    for (let i = 0; i < 5; i++) {
      expected.push((await t.host.statuses.post({ authorId: bob.id, content: `b${i}`, visibility: i % 2 ? "private" : "public" })).id);
      await t.host.statuses.post({ authorId: bob.id, content: `@carol secret ${i}`, visibility: "direct" });
      await t.host.statuses.post({ authorId: carol.id, content: `c${i}`, visibility: "public" });
      expected.push((await t.host.statuses.post({ authorId: alice.id, content: `a${i}`, visibility: "public" })).id);
    }
    expected.reverse();
    const first = await t.host.timelines.home(alice.id, { limit: 4 });
    expect(first.map((s) => s.id)).toEqual(expected.slice(0, 4));
    const second = await t.host.timelines.home(alice.id, { limit: 4, maxId: first[3]!.id });
    expect(second.map((s) => s.id)).toEqual(expected.slice(4, 8));
    const newer = await t.host.timelines.home(alice.id, { limit: 2, minId: second[0]!.id });
    expect(newer.map((s) => s.id)).toEqual(expected.slice(2, 4));
  });

  it("public shows public posts only (local ones to signed-in local users), without blocked authors", async () => {
    const t = testHost();
    const alice = await t.user("alice");
    const bob = await t.user("bob");
    const pub = await t.host.statuses.post({ authorId: bob.id, content: "p", visibility: "public" });
    await t.host.statuses.post({ authorId: bob.id, content: "u", visibility: "unlisted" });
    await t.host.statuses.post({ authorId: bob.id, content: "f", visibility: "private" });
    const local = await t.host.statuses.post({ authorId: bob.id, content: "l", visibility: "local" });
    expect((await t.host.timelines.public(null, { limit: 20 })).map((s) => s.id)).toEqual([pub.id]);
    expect((await t.host.timelines.public(alice.id, { limit: 20 })).map((s) => s.id)).toEqual([local.id, pub.id]);
    await t.host.relations.block(alice.id, bob.id);
    expect(await t.host.timelines.public(alice.id, { limit: 20 })).toEqual([]);
  });
});
