import { errAsync, okAsync, appError, Reply } from "@pleroma-kit/core";
import { describe, expect, it } from "vitest";
import { refKit } from "./kit-support.js";

describe("OAuth and apps", () => {
  it("registers an app and issues app-only and password tokens (nickname or email)", async () => {
    const t = refKit();
    const app = await t.app();
    expect(app).toMatchObject({ client_id: expect.any(String), client_secret: expect.any(String) });
    await t.host.users.register({ nickname: "alice", email: "alice@mail.example", password: "pw" });
    for (const username of ["alice", "ALICE", "alice@mail.example"]) {
      const res = await t.call("POST", "/oauth/token", {
        form: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username, password: "pw", scope: "read write" },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ token_type: "Bearer", scope: "read write", me: "https://local.example/users/alice", access_token: expect.any(String) });
      expect((await t.call("GET", "/api/v1/accounts/verify_credentials", { token: res.body.access_token })).body.username).toBe("alice");
    }
  });

  it("refuses a wrong password, an unknown client and scopes beyond the app's", async () => {
    const t = refKit();
    const app = await t.app();
    await t.host.users.register({ nickname: "alice", password: "pw" });
    const grant = (extra: Record<string, string>) =>
      t.call("POST", "/oauth/token", { form: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: "alice", password: "pw", ...extra } });
    expect(await grant({ password: "nope" })).toMatchObject({ status: 400, body: { error: "Invalid credentials" } });
    expect(await grant({ client_secret: "nope" })).toMatchObject({ status: 400, body: { error: "Invalid client" } });
    expect(await grant({ scope: "admin" })).toMatchObject({ status: 400, body: { error: "Invalid scopes" } });
    expect((await grant({ grant_type: "authorization_code" })).status).toBe(400);
  });

  it("accepts client credentials by HTTP Basic", async () => {
    const t = refKit();
    const app = await t.app();
    const basic = Buffer.from(`${app.client_id}:${app.client_secret}`).toString("base64");
    const res = await t.call("POST", "/oauth/token", { form: { grant_type: "client_credentials" }, headers: { authorization: `Basic ${basic}` } });
    expect(res.status).toBe(200);
    expect(res.body.me).toBeUndefined();
  });

  it("lets beforeTokenIssue answer instead of issuing (the MFA hook)", async () => {
    const issued: string[] = [];
    const t = refKit({
      beforeTokenIssue: (user) => {
        issued.push(user.nickname);
        return okAsync(user.nickname === "guarded" ? new Reply({ error: "mfa_required", mfa_token: "x" }, 403) : null);
      },
    });
    const app = await t.app();
    await t.host.users.register({ nickname: "guarded", password: "pw" });
    await t.host.users.register({ nickname: "plain", password: "pw" });
    const grant = (username: string) =>
      t.call("POST", "/oauth/token", { body: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username, password: "pw" } });
    expect(await grant("guarded")).toMatchObject({ status: 403, body: { error: "mfa_required" } });
    expect((await grant("plain")).status).toBe(200);
    expect(issued).toEqual(["guarded", "plain"]);
  });

  it("applies password guards to the password grant", async () => {
    const seen: Array<[string, boolean]> = [];
    const t = refKit({
      guards: {
        beforePasswordCheck: async (login) => (login === "locked" ? appError("THROTTLED") : null),
        afterPasswordCheck: async (login, ok) => void seen.push([login, ok]),
      },
    });
    const app = await t.app();
    await t.host.users.register({ nickname: "alice", password: "pw" });
    const grant = (username: string, password: string) =>
      t.call("POST", "/oauth/token", { form: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username, password } });
    expect((await grant("locked", "pw")).status).toBe(429);
    await grant("alice", "bad");
    await grant("alice", "pw");
    expect(seen).toEqual([["alice", false], ["alice", true]]);
  });

  it("revokes a token", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    expect((await t.call("POST", "/oauth/revoke", { form: { token: alice.token, client_id: "other", client_secret: "x" } })).body).toEqual({});
    expect((await t.call("GET", "/api/v1/accounts/verify_credentials", { token: alice.token })).status).toBe(200);
    expect((await t.call("POST", "/oauth/revoke", { form: { token: alice.token } })).body).toEqual({});
    expect(await t.call("GET", "/api/v1/accounts/verify_credentials", { token: alice.token })).toMatchObject({ status: 403, body: { error: "Invalid credentials." } });
  });
});

describe("accounts", () => {
  it("registers with an app token and refuses taken nicknames and emails", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    expect(alice.token).toEqual(expect.any(String));
    const app = await t.app();
    const appToken = (await t.call("POST", "/oauth/token", { form: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret } })).body.access_token;
    const reg = (body: object, token?: string) => t.call("POST", "/api/v1/accounts", { token, body: { password: "pw", ...body } });
    expect(await reg({ username: "ALICE" }, appToken)).toMatchObject({ status: 400, body: { error: '{"nickname":["has already been taken"]}' } });
    expect(await reg({ username: "other", email: "Alice@mail.example" }, appToken)).toMatchObject({ status: 400, body: { error: '{"email":["has already been taken"]}' } });
    expect(await reg({ username: "bad name" }, appToken)).toMatchObject({ status: 400 });
    expect(await reg({ username: "bob" })).toMatchObject({ status: 403, body: { error: "Invalid credentials." } });
    expect((await reg({ username: "bob" }, appToken)).status).toBe(200);
  });

  it("lets beforeRegister (the captcha hook) refuse a registration after the app token check", async () => {
    const seen: Array<Record<string, string | undefined>> = [];
    const t = refKit({
      beforeRegister: ({ fields }) => {
        seen.push(fields);
        return fields.captcha_solution === "right" ? okAsync(undefined) : errAsync(appError("VALIDATION_FAILED", { message: "Invalid CAPTCHA" }));
      },
    });
    const app = await t.app();
    const appToken = (await t.call("POST", "/oauth/token", { form: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret } })).body.access_token;
    const reg = (extra: object, token?: string) => t.call("POST", "/api/v1/accounts", { token, body: { username: "bob", password: "pw", ...extra } });
    expect((await reg({ captcha_solution: "right" })).status).toBe(403);
    expect(seen).toEqual([]);
    expect(await reg({ captcha_solution: "wrong", captcha_token: "t1" }, appToken)).toMatchObject({ status: 400, body: { error: "Invalid CAPTCHA" } });
    expect(seen[0]).toEqual({ captcha_solution: "wrong", captcha_token: "t1", captcha_answer_data: undefined });
    expect(await t.host.data.users.byNickname("bob")).toBeNull();
    expect((await reg({ captcha_solution: "right" }, appToken)).status).toBe(200);
  });

  it("app-only tokens cannot act as a user", async () => {
    const t = refKit();
    const app = await t.app();
    const appToken = (await t.call("POST", "/oauth/token", { form: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret } })).body.access_token;
    expect(await t.call("GET", "/api/v1/accounts/verify_credentials", { token: appToken })).toMatchObject({ status: 403, body: { error: "Invalid credentials." } });
  });

  it("answers the own account with source and updates credentials", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const res = await t.call("PATCH", "/api/v1/accounts/update_credentials", { token: alice.token, form: { display_name: "Alice A.", note: "hi <there>", locked: "true" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ display_name: "Alice A.", note: "hi &#60;there&#62;", locked: true, emojis: [], source: { note: "hi <there>" } });
    const other = await t.signUp("bob");
    const seen = await t.call("GET", `/api/v1/accounts/${alice.id}`, { token: other.token });
    expect(seen.body).toMatchObject({ id: alice.id, display_name: "Alice A.", locked: true });
    expect(seen.body.source).toBeUndefined();
    expect((await t.call("GET", "/api/v1/accounts/alice")).body.id).toBe(alice.id);
    expect(await t.call("GET", "/api/v1/accounts/nobody")).toMatchObject({ status: 404, body: { error: "Can't find user" } });
  });

  it("follows with notify, blocks, mutes, and answers relationships", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    const follow = await t.call("POST", `/api/v1/accounts/${bob.id}/follow`, { token: alice.token, body: { notify: true } });
    expect(follow.body).toMatchObject({ id: bob.id, following: true, notifying: true, subscribing: true });
    expect((await t.call("POST", `/api/v1/accounts/${alice.id}/follow`, { token: alice.token })).body).toEqual({ error: "Can not follow yourself" });
    const rel = await t.call("GET", `/api/v1/accounts/relationships?id[]=${bob.id}&id[]=${alice.id}`, { token: alice.token });
    expect(rel.body.map((r: { id: string; following: boolean }) => [r.id, r.following])).toEqual([[bob.id, true], [alice.id, false]]);
    expect((await t.call("GET", `/api/v1/accounts/relationships?id=${bob.id}`, { token: alice.token })).body).toHaveLength(1);
    const notes = await t.call("GET", "/api/v1/notifications", { token: bob.token });
    expect(notes.body).toEqual([expect.objectContaining({ type: "follow", account: expect.objectContaining({ id: alice.id }) })]);
    expect((await t.call("POST", `/api/v1/accounts/${bob.id}/mute`, { token: alice.token })).body).toMatchObject({ muting: true, following: true });
    expect((await t.call("POST", `/api/v1/accounts/${bob.id}/block`, { token: alice.token })).body).toMatchObject({ blocking: true, following: false });
    expect((await t.call("POST", `/api/v1/accounts/${bob.id}/unblock`, { token: alice.token })).body).toMatchObject({ blocking: false });
    expect((await t.call("POST", `/api/v1/accounts/${bob.id}/unmute`, { token: alice.token })).body).toMatchObject({ muting: false });
    expect((await t.call("POST", `/api/v1/accounts/nope/follow`, { token: alice.token })).status).toBe(404);
  });
});

describe("statuses", () => {
  it("posts a status rendered through core (emoji_reactions, pleroma, account.emojis)", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    const post = await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "hello @bob", spoiler_text: "cw", sensitive: "true" } });
    expect(post.status).toBe(200);
    expect(post.body).toMatchObject({
      visibility: "public", spoiler_text: "cw", sensitive: true, reblog: null, emoji_reactions: [],
      account: { id: alice.id, emojis: [] }, mentions: [{ id: bob.id, acct: "bob" }],
      pleroma: { local: true, emoji_reactions: [], direct_conversation_id: null, content: { "text/plain": "hello @bob" }, spoiler_text: { "text/plain": "cw" } },
    });
    const react = await t.call("PUT", `/api/v1/pleroma/statuses/${post.body.id}/reactions/${encodeURIComponent("👍")}`, { token: bob.token });
    expect(react.status).toBe(200);
    const seen = await t.call("GET", `/api/v1/statuses/${post.body.id}`);
    expect(seen.body.pleroma.emoji_reactions).toEqual([{ name: "👍", count: 1, me: false, url: null, account_ids: [bob.id] }]);
    const notes = await t.call("GET", "/api/v1/notifications", { token: alice.token });
    expect(notes.body[0]).toMatchObject({ type: "pleroma:emoji_reaction", emoji: "👍", status: { id: post.body.id, pleroma: { emoji_reactions: [expect.objectContaining({ name: "👍" })] } } });
    expect((await t.call("GET", "/api/v1/notifications", { token: bob.token })).body[0]).toMatchObject({ type: "mention", status: { id: post.body.id } });
  });

  it("addresses direct posts to mentioned users only", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    const carol = await t.signUp("carol");
    const dm = await t.call("POST", "/api/v1/statuses", { token: alice.token, form: { status: "@bob secret", visibility: "direct" } });
    expect((await t.call("GET", `/api/v1/statuses/${dm.body.id}`, { token: bob.token })).status).toBe(200);
    expect(await t.call("GET", `/api/v1/statuses/${dm.body.id}`, { token: carol.token })).toMatchObject({ status: 404, body: { error: "Record not found" } });
    expect((await t.call("GET", `/api/v1/statuses/${dm.body.id}`)).status).toBe(404);
    // A reply to a DM stays direct and addresses the parent's author.
    const reply = await t.call("POST", "/api/v1/statuses", { token: bob.token, body: { status: "ok", in_reply_to_id: dm.body.id } });
    expect(reply.body).toMatchObject({ visibility: "direct", in_reply_to_id: dm.body.id, in_reply_to_account_id: alice.id, mentions: [{ id: alice.id }] });
    expect((await t.call("POST", "/api/v1/statuses", { token: carol.token, body: { status: "x", in_reply_to_id: dm.body.id } })).status).toBe(404);
  });

  it("refuses empty and over-long statuses with Akkoma's 422 texts", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    expect(await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "  " } })).toMatchObject({
      status: 422, body: { error: "Cannot post an empty status without attachments" },
    });
    expect(await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "x".repeat(5001) } })).toMatchObject({
      status: 422, body: { error: "The status is over the character limit" },
    });
    expect((await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "x", visibility: "secret" } })).status).toBe(400);
  });

  it("deletes only your own status and answers its source text", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    const post = await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "bye <3" } });
    expect(await t.call("DELETE", `/api/v1/statuses/${post.body.id}`, { token: bob.token, body: {} })).toMatchObject({ status: 404 });
    const del = await t.call("DELETE", `/api/v1/statuses/${post.body.id}`, { token: alice.token, body: {} });
    expect(del).toMatchObject({ status: 200, body: { id: post.body.id, text: "bye <3" } });
    expect((await t.call("GET", `/api/v1/statuses/${post.body.id}`)).status).toBe(404);
    expect(t.host.published.map((a) => a.type)).toEqual(["Create", "Delete"]);
  });

  it("favourites once, counts, notifies the author, and unfavourites", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    const post = await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "like me", visibility: "private" } });
    expect((await t.call("POST", `/api/v1/statuses/${post.body.id}/favourite`, { token: bob.token })).status).toBe(404);
    const pub = await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "like me" } });
    await t.call("POST", `/api/v1/statuses/${pub.body.id}/favourite`, { token: bob.token });
    const fav = await t.call("POST", `/api/v1/statuses/${pub.body.id}/favourite`, { token: bob.token });
    expect(fav.body).toMatchObject({ favourited: true, favourites_count: 1 });
    expect((await t.call("GET", "/api/v1/notifications", { token: alice.token })).body.map((n: { type: string }) => n.type)).toEqual(["favourite"]);
    expect((await t.call("POST", `/api/v1/statuses/${pub.body.id}/unfavourite`, { token: bob.token })).body).toMatchObject({ favourited: false, favourites_count: 0 });
  });

  it("lets the conversations hook address a reply, or refuse it", async () => {
    const posted: string[] = [];
    const t = refKit({
      resolveAddressing: ({ conversationId }) => {
        if (conversationId === "theirs") return errAsync(appError("NOT_FOUND"));
        if (conversationId === "unknown") return okAsync(null);
        return okAsync({ mentionIds: [conversationId], contextId: "ctx-1", visibility: "direct" as const });
      },
      afterPost: (status) => okAsync(void posted.push(status.id)),
    });
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    const carol = await t.signUp("carol");
    const res = await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "hi @carol", visibility: "public", in_reply_to_conversation_id: bob.id } });
    expect(res.body).toMatchObject({ visibility: "direct", mentions: [{ id: bob.id }], pleroma: { context: "https://local.example/contexts/ctx-1" } });
    expect((await t.call("GET", `/api/v1/statuses/${res.body.id}`, { token: carol.token })).status).toBe(404);
    expect((await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "x", in_reply_to_conversation_id: "theirs" } })).status).toBe(404);
    expect((await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "x", in_reply_to_conversation_id: "unknown" } })).body.visibility).toBe("public");
    expect(posted).toHaveLength(2);
  });
});

describe("timelines, notifications and markers", () => {
  it("pages the home timeline with Link headers", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    await t.call("POST", `/api/v1/accounts/${bob.id}/follow`, { token: alice.token });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await t.call("POST", "/api/v1/statuses", { token: bob.token, body: { status: `p${i}`, visibility: "private" } })).body.id);
    ids.reverse();
    const first = await t.call("GET", "/api/v1/timelines/home?limit=2", { token: alice.token });
    expect(first.body.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 2));
    const link = first.headers.get("link")!;
    expect(link).toContain(`<https://local.example/api/v1/timelines/home?limit=2&max_id=${ids[1]}>; rel="next"`);
    expect(link).toContain(`min_id=${ids[0]}>; rel="prev"`);
    const next = await t.call("GET", `/api/v1/timelines/home?limit=2&max_id=${ids[1]}`, { token: alice.token });
    expect(next.body.map((s: { id: string }) => s.id)).toEqual(ids.slice(2, 4));
    expect((await t.call("GET", "/api/v1/timelines/public")).body).toEqual([]);
    expect((await t.call("GET", "/api/v1/timelines/home")).status).toBe(403);
  });

  it("shows the public timeline anonymously, and an account's statuses", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const pub = await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "hello world" } });
    await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "friends", visibility: "private" } });
    expect((await t.call("GET", "/api/v1/timelines/public?local=true")).body.map((s: { id: string }) => s.id)).toEqual([pub.body.id]);
    expect((await t.call("GET", `/api/v1/accounts/${alice.id}/statuses`)).body.map((s: { id: string }) => s.id)).toEqual([pub.body.id]);
    expect((await t.call("GET", `/api/v1/accounts/${alice.id}/statuses`, { token: alice.token })).body).toHaveLength(2);
    expect((await t.call("GET", `/api/v1/accounts/${alice.id}/statuses?pinned=true`)).body).toEqual([]);
  });

  it("filters notifications by type, marks them read through core, and reports markers", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    await t.call("POST", `/api/v1/accounts/${alice.id}/follow`, { token: bob.token });
    await t.call("POST", "/api/v1/statuses", { token: bob.token, body: { status: "@alice one" } });
    await t.call("POST", "/api/v1/statuses", { token: bob.token, body: { status: "@alice two" } });
    const all = await t.call("GET", "/api/v1/notifications", { token: alice.token });
    expect(all.body.map((n: { type: string }) => n.type)).toEqual(["mention", "mention", "follow"]);
    expect(all.headers.get("link")).toContain('rel="next"');
    expect((await t.call("GET", "/api/v1/notifications?types[]=follow", { token: alice.token })).body).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/notifications?exclude_types[]=follow", { token: alice.token })).body).toHaveLength(2);
    const read = await t.call("POST", "/api/v1/pleroma/notifications/read", { token: alice.token, body: { max_id: all.body[1].id } });
    expect(read.body.map((n: { id: string }) => n.id).sort()).toEqual([all.body[1].id, all.body[2].id].sort());
    const markers = await t.call("GET", "/api/v1/markers?timeline[]=notifications", { token: alice.token });
    expect(markers.body).toEqual({
      notifications: { last_read_id: all.body[1].id, version: 1, updated_at: expect.stringMatching(/\.000Z$/), pleroma: { unread_count: 1 } },
    });
    const set = await t.call("POST", "/api/v1/markers", { token: alice.token, form: { "home[last_read_id]": "abc" } });
    expect(set.body).toMatchObject({ home: { last_read_id: "abc", version: 1 } });
    const json = await t.call("POST", "/api/v1/markers", { token: alice.token, body: { notifications: { last_read_id: all.body[0].id } } });
    expect(json.body.notifications).toMatchObject({ last_read_id: all.body[0].id, version: 2 });
  });

  it("hides notifications from muted accounts", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    await t.call("POST", "/api/v1/statuses", { token: bob.token, body: { status: "@alice hi" } });
    await t.call("POST", `/api/v1/accounts/${bob.id}/mute`, { token: alice.token });
    expect((await t.call("GET", "/api/v1/notifications", { token: alice.token })).body).toEqual([]);
  });
});

describe("instance", () => {
  it("serves the custom emoji array, instance metadata and nodeinfo", async () => {
    const t = refKit({ instance: { title: "Demo", features: ["pleroma:conversations"] } });
    await t.signUp("alice");
    expect((await t.call("GET", "/api/v1/custom_emojis")).body).toEqual([
      { shortcode: "blobcat", url: "https://local.example/emoji/blobs/blobcat.png", static_url: "https://local.example/emoji/blobs/blobcat.png", visible_in_picker: true, category: "blobs" },
    ]);
    const instance = (await t.call("GET", "/api/v1/instance")).body;
    expect(instance).toMatchObject({ uri: "local.example", title: "Demo", stats: { user_count: 1 }, poll_limits: { max_options: 20 } });
    expect(instance.version).toContain("Pleroma");
    expect(instance.pleroma.metadata.features).toEqual(expect.arrayContaining(["pleroma_emoji_reactions", "pleroma:conversations"]));
    const wk = (await t.call("GET", "/.well-known/nodeinfo")).body;
    expect(wk.links[0]).toEqual({ rel: "http://nodeinfo.diaspora.software/ns/schema/2.0", href: "https://local.example/nodeinfo/2.0.json" });
    expect((await t.call("GET", "/nodeinfo/2.0.json")).body).toMatchObject({ version: "2.0", software: { name: "pleroma" }, usage: { users: { total: 1 } } });
  });
});

describe("notification settings in the notification pipeline", () => {
  it("block_from_strangers drops notifications from accounts the user does not follow, for host and library events", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    const carol = await t.signUp("carol");
    expect(await t.call("PUT", "/api/pleroma/notification_settings", { token: alice.token, body: { block_from_strangers: true } })).toMatchObject({
      status: 200,
      body: { status: "success" },
    });
    expect((await t.call("POST", `/api/v1/accounts/${carol.id}/follow`, { token: alice.token, body: {} })).status).toBe(200);
    const status = await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "hi", visibility: "public" } });
    for (const who of [bob, carol]) {
      expect((await t.call("PUT", `/api/v1/pleroma/statuses/${status.body.id}/reactions/${encodeURIComponent("👍")}`, { token: who.token })).status).toBe(200);
      expect((await t.call("POST", `/api/v1/statuses/${status.body.id}/favourite`, { token: who.token, body: {} })).status).toBe(200);
    }
    const notifications = (await t.call("GET", "/api/v1/notifications", { token: alice.token })).body as Array<{ type: string; account: { id: string } }>;
    expect(new Set(notifications.map((n) => n.account.id))).toEqual(new Set([carol.id]));
    expect(notifications.map((n) => n.type).sort()).toEqual(["favourite", "pleroma:emoji_reaction"]);
  });
});
