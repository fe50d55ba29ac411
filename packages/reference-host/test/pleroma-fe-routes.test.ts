import { describe, expect, it } from "vitest";
import { refKit } from "./kit-support.js";

// What pleroma-fe reads from the reference host (issue 14), over the kit's fetch handler.
describe("pleroma-fe's reads of the reference host", () => {
  it("verifies the app of an app or user token, and refuses without one", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    expect(await t.call("GET", "/api/v1/apps/verify_credentials", { token: alice.token })).toMatchObject({ status: 200, body: { name: "test", vapid_key: null } });
    // Refused either way (core's pipeline may refuse an unknown bearer before the handler runs).
    expect([401, 403]).toContain((await t.call("GET", "/api/v1/apps/verify_credentials")).status);
    expect([401, 403]).toContain((await t.call("GET", "/api/v1/apps/verify_credentials", { token: "nope" })).status);
  });

  it("serves nodeinfo 2.0 and 2.1 with the limits and features the front end reads", async () => {
    const t = refKit({ instance: { title: "Demo", features: ["pleroma_custom_emoji_reactions"] } });
    const links = (await t.call("GET", "/.well-known/nodeinfo")).body.links.map((l: { href: string }) => l.href);
    expect(links).toEqual(["https://local.example/nodeinfo/2.0.json", "https://local.example/nodeinfo/2.1.json"]);
    for (const version of ["2.0", "2.1"]) {
      const res = await t.call("GET", `/nodeinfo/${version}.json`);
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(version);
      expect(res.body.metadata).toMatchObject({
        nodeName: "Demo",
        uploadLimits: { general: expect.any(Number), avatar: expect.any(Number), banner: expect.any(Number), background: expect.any(Number) },
        pollLimits: { max_options: 20 },
        fieldsLimits: { maxFields: 10 },
      });
      expect(res.body.metadata.features).toContain("pleroma_custom_emoji_reactions");
    }
  });

  it("searches accounts by prefix before treating `search` as an id", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    await t.signUp("albert");
    await t.signUp("bob");
    const res = await t.call("GET", "/api/v1/accounts/search?q=al&resolve=true", { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body.map((a: { acct: string }) => a.acct)).toEqual(["albert", "alice"]);
    expect((await t.call("GET", "/api/v1/accounts/search?q=@bob@local.example", { token: alice.token })).body.map((a: { acct: string }) => a.acct)).toEqual(["bob"]);
    expect((await t.call("GET", "/api/v1/accounts/search?q=zz", { token: alice.token })).body).toEqual([]);
  });

  it("lists direct statuses in the Direct timeline and a thread's ancestors and descendants", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    const carol = await t.signUp("carol");
    const post = (token: string, body: Record<string, unknown>) => t.call("POST", "/api/v1/statuses", { token, body });
    const dm = (await post(alice.token, { status: "@bob psst", visibility: "direct" })).body;
    const reply = (await post(bob.token, { status: "@alice ok", in_reply_to_id: dm.id })).body;
    expect(reply.visibility).toBe("direct");
    const ids = async (token: string) => (await t.call("GET", "/api/v1/timelines/direct", { token })).body.map((s: { id: string }) => s.id);
    expect(await ids(alice.token)).toEqual([reply.id, dm.id]);
    expect(await ids(bob.token)).toEqual([reply.id, dm.id]);
    expect(await ids(carol.token)).toEqual([]);
    const ctx = await t.call("GET", `/api/v1/statuses/${reply.id}/context`, { token: alice.token });
    expect(ctx.status).toBe(200);
    expect(ctx.body.ancestors.map((s: { id: string }) => s.id)).toEqual([dm.id]);
    expect(ctx.body.descendants).toEqual([]);
    const root = await t.call("GET", `/api/v1/statuses/${dm.id}/context`, { token: bob.token });
    expect(root.body.descendants.map((s: { id: string }) => s.id)).toEqual([reply.id]);
    // Someone who may not see the thread gets the same 404 as for an unknown status.
    expect((await t.call("GET", `/api/v1/statuses/${dm.id}/context`, { token: carol.token })).status).toBe(404);
  });

  it("resolves custom emoji of the catalog in statuses", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const res = await t.call("POST", "/api/v1/statuses", { token: alice.token, body: { status: "hi :blobcat: :unknown:" } });
    expect(res.body.emojis).toEqual([
      { shortcode: "blobcat", url: "https://local.example/emoji/blobs/blobcat.png", static_url: "https://local.example/emoji/blobs/blobcat.png", visible_in_picker: true },
    ]);
  });

  it("renders stored notification settings, aliases and unread conversations on the own account", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    expect((await t.call("PUT", "/api/pleroma/notification_settings", { token: alice.token, body: { block_from_strangers: true } })).status).toBe(200);
    expect((await t.call("PUT", "/api/pleroma/aliases", { token: alice.token, body: { alias: "bob" } })).status).toBe(200);
    await t.call("POST", "/api/v1/statuses", { token: bob.token, body: { status: "@alice hello", visibility: "direct" } });
    const me = (await t.call("GET", "/api/v1/accounts/verify_credentials", { token: alice.token })).body;
    expect(me.pleroma.notification_settings).toEqual({ block_from_strangers: true, hide_notification_contents: false });
    expect(me.pleroma.also_known_as).toEqual(["https://local.example/users/bob"]);
    expect(me.pleroma.unread_conversation_count).toBe(1);
    expect(bob.id).toBeTruthy();
  });

  it("accepts the Pleroma fields of update_credentials, ignores unknown ones, and honours hide_follows", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    await t.call("POST", `/api/v1/accounts/${bob.id}/follow`, { token: alice.token });
    const res = await t.call("PATCH", "/api/v1/accounts/update_credentials", {
      token: alice.token,
      body: {
        hide_favorites: false,
        hide_follows: true,
        hide_followers_count: true,
        bot: true,
        accepts_direct_messages_from: "nobody",
        fields_attributes: [{ name: "site", value: "<b>x</b>" }],
        pleroma_settings_store: { "pleroma-fe": { theme: "dark" } },
        no_such_field: "ignored",
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      bot: true,
      fields: [{ name: "site", value: "&#60;b&#62;x&#60;/b&#62;" }],
      pleroma: { hide_favorites: false, hide_follows: true, hide_followers_count: true, accepts_direct_messages_from: "nobody", settings_store: { "pleroma-fe": { theme: "dark" } } },
      source: { fields: [{ name: "site", value: "<b>x</b>" }] },
    });
    expect((await t.call("GET", `/api/v1/accounts/${alice.id}/following`, { token: bob.token })).body).toEqual([]);
    expect((await t.call("GET", `/api/v1/accounts/${alice.id}/following`, { token: alice.token })).body.map((a: { id: string }) => a.id)).toEqual([bob.id]);
    expect((await t.call("GET", `/api/v1/accounts/${bob.id}/followers`, { token: bob.token })).body.map((a: { id: string }) => a.id)).toEqual([alice.id]);
    // A bad value of a known field changes nothing.
    expect((await t.call("PATCH", "/api/v1/accounts/update_credentials", { token: alice.token, body: { hide_follows: false, accepts_direct_messages_from: "aliens" } })).status).toBe(400);
    expect((await t.call("GET", "/api/v1/accounts/verify_credentials", { token: alice.token })).body.pleroma.hide_follows).toBe(true);
  });

  it("lists mutes and blocks, and answers the out-of-scope polled endpoints with valid empty values", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    await t.call("POST", `/api/v1/accounts/${bob.id}/mute`, { token: alice.token });
    expect((await t.call("GET", "/api/v1/mutes", { token: alice.token })).body.map((a: { id: string }) => a.id)).toEqual([bob.id]);
    expect((await t.call("GET", "/api/v1/blocks", { token: alice.token })).body).toEqual([]);
    for (const path of ["/api/v1/lists", "/api/v1/pleroma/bookmark_folders", "/api/v1/pleroma/chats", "/api/v1/announcements", "/api/v1/instance/peers", "/api/v1/domain_blocks"]) {
      expect(await t.call("GET", path, { token: alice.token }), path).toMatchObject({ status: 200, body: [] });
    }
    expect(await t.call("GET", "/api/pleroma/frontend_configurations")).toMatchObject({ status: 200, body: {} });
    const panel = await t.kit.fetch(new Request("http://internal/instance/panel.html"));
    expect(panel?.status).toBe(200);
    expect(panel?.headers.get("content-type")).toContain("text/html");
    expect((await t.call("GET", "/api/v1/lists")).status).toBe(403);
  });

  it("serves the default avatar and banner the accounts point at", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const me = (await t.call("GET", "/api/v1/accounts/verify_credentials", { token: alice.token })).body;
    for (const url of [me.avatar, me.header]) {
      const res = await t.kit.fetch(new Request(url.replace("https://local.example", "http://internal")));
      expect(res?.status).toBe(200);
      expect(res?.headers.get("content-type")).toBe("image/png");
      expect(Buffer.from(await res!.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG");
    }
  });
});
