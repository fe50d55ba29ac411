/**
 * megalodon 10.0.5, the TypeScript client people use, against the demo server: it throws on a
 * Status without `pleroma` or an Account without `emojis`, so a green run pins those shapes.
 */
import megalodon from "megalodon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, startServer, stores, unique } from "./support.js";

// CJS interop: Node hands over `module.exports`, vite its `default`; accept both.
const loaded: unknown = megalodon;
const generator = (typeof loaded === "function" ? loaded : megalodon.default) as typeof megalodon.default;

describe("megalodon against the demo server", () => {
  let ctx: Awaited<ReturnType<typeof startServer>>;
  let call: ReturnType<typeof client>;

  beforeAll(async () => {
    ctx = await startServer("express", stores[0]!);
    call = client(ctx.server);
  });
  afterAll(async () => ctx?.stop());

  async function login(nickname: string) {
    const anon = generator("pleroma", ctx.server.url);
    const app = await anon.registerApp("megalodon-test", { scopes: ["read", "write", "follow"] });
    const appToken = await call("POST", "/oauth/token", {
      json: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: "read write follow" },
    });
    const registered = await call("POST", "/api/v1/accounts", {
      token: appToken.body.access_token,
      json: { username: nickname, email: `${nickname}@example.com`, password: "correct horse battery", agreement: true },
    });
    expect(registered.status).toBe(200);
    const token = await call("POST", "/oauth/token", {
      json: {
        grant_type: "password",
        client_id: app.client_id,
        client_secret: app.client_secret,
        username: nickname,
        password: "correct horse battery",
        scope: "read write follow",
      },
    });
    expect(token.status).toBe(200);
    return generator("pleroma", ctx.server.url, token.body.access_token);
  }

  it("registers, posts, reacts, lists reactions, unreacts and reads notifications", async () => {
    const alice = await login(unique("alice"));
    const bob = await login(unique("bob"));
    const me = await alice.verifyAccountCredentials();
    expect(me.data.emojis).toEqual([]);
    const posted = await bob.postStatus("hello from megalodon", { visibility: "public" });
    const status = posted.data as { id: string };
    const reacted = await alice.createEmojiReaction(status.id, "👍");
    expect(reacted.data.emoji_reactions).toEqual([expect.objectContaining({ name: "👍", count: 1, me: true })]);
    const reactions = await bob.getEmojiReactions(status.id);
    expect(reactions.data).toEqual([expect.objectContaining({ name: "👍", count: 1, me: false })]);
    expect(reactions.data[0]!.accounts?.[0]?.id).toBe(me.data.id);
    const fetched = await bob.getStatus(status.id);
    expect(fetched.data.emoji_reactions).toEqual([expect.objectContaining({ name: "👍", count: 1 })]);
    expect(fetched.data.account.emojis).toEqual([]);
    const notifications = await bob.getNotifications();
    expect(notifications.data.some((n) => n.type === "reaction" || (n.type as string) === "pleroma:emoji_reaction")).toBe(true);
    const removed = await alice.deleteEmojiReaction(status.id, "👍");
    expect(removed.data.emoji_reactions).toEqual([]);
  }, 30_000);
});
