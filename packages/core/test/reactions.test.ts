import { describe, expect, it } from "vitest";
import { testKit } from "./support/kit.js";

const enc = encodeURIComponent;
const put = (t: ReturnType<typeof testKit>, id: string, emoji: string, token = "u1-token") =>
  t.call("PUT", `/api/v1/pleroma/statuses/${id}/reactions/${enc(emoji)}`, { token });

describe("emoji reactions", () => {
  it("reacts with a unicode emoji and answers the status with the reaction in both maps", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2" });
    const res = await put(t, "s1", "👍");
    expect(res.status).toBe(200);
    const entry = { name: "👍", count: 1, me: true, url: null, account_ids: ["u1"] };
    expect(res.body.pleroma.emoji_reactions).toEqual([entry]);
    expect(res.body.emoji_reactions).toEqual([entry]);
    expect(res.body.reblog).toBeNull();
  });

  it("normalises unqualified emoji and keeps emoji in order of first use", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2" });
    await put(t, "s1", "👍");
    const res = await put(t, "s1", "⚠");
    expect(res.body.pleroma.emoji_reactions.map((e: { name: string }) => e.name)).toEqual(["👍", "⚠️"]);
  });

  it("accepts local custom emoji with or without colons, percent-encoded or not", async () => {
    for (const raw of ["blobcat", ":blobcat:"]) {
      const t = testKit();
      t.host.addStatus({ id: "s1", authorId: "u2" });
      const res = await put(t, "s1", raw);
      expect(res.body.pleroma.emoji_reactions).toEqual([
        { name: "blobcat", count: 1, me: true, url: "https://local.example/emoji/blobs/blobcat.png", account_ids: ["u1"] },
      ]);
    }
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2" });
    expect((await t.call("PUT", "/api/v1/pleroma/statuses/s1/reactions/%3Ablobcat%3A", { token: "u1-token" })).status).toBe(200);
  });

  it.each(["x", "👍👍", "nosuchemoji", ":blobcat", "wow@remote.example", "1"])("refuses %j with Akkoma's 400", async (raw) => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2" });
    expect(await put(t, "s1", raw)).toMatchObject({ status: 400, body: { error: "Could not add reaction emoji" } });
  });

  it("lets users +1 a remote custom emoji already on the status, and names it shortcode@host", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2" });
    await t.kit.services.reactions["deps"].store.add({
      statusId: "s1", userId: "u3", name: "wow", url: "https://remote.example/emoji/wow.png", createdAt: new Date(0),
    });
    const res = await put(t, "s1", ":wow@remote.example:");
    expect(res.status).toBe(200);
    expect(res.body.pleroma.emoji_reactions).toEqual([
      { name: "wow@remote.example", count: 2, me: true, url: "https://remote.example/emoji/wow.png", account_ids: ["u1", "u3"] },
    ]);
    expect((await put(t, "s1", ":wow@other.example:")).status).toBe(400);
  });

  it("is 404 for statuses the caller cannot see and for unknown ids, on every reaction endpoint", async () => {
    const t = testKit();
    t.host.addStatus({ id: "dm", authorId: "u2", visibility: "direct", addressedTo: ["u3"] });
    const notFound = { status: 404, body: { error: "Record not found" } };
    for (const id of ["dm", "missing"]) {
      expect(await put(t, id, "👍")).toMatchObject(notFound);
      expect(await t.call("DELETE", `/api/v1/pleroma/statuses/${id}/reactions/${enc("👍")}`, { token: "u1-token" })).toMatchObject(notFound);
      expect(await t.call("GET", `/api/v1/pleroma/statuses/${id}/reactions`, { token: "u1-token" })).toMatchObject(notFound);
      expect(await t.call("GET", `/api/v1/pleroma/statuses/${id}/reactions/${enc("👍")}`)).toMatchObject(notFound);
    }
    // The addressee can see it and react.
    expect((await put(t, "dm", "👍", "u3-token")).status).toBe(200);
  });

  it("is idempotent per user: one reaction, one activity, one notification", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2" });
    await put(t, "s1", "👍");
    const again = await put(t, "s1", "👍");
    expect(again.body.pleroma.emoji_reactions[0].count).toBe(1);
    expect(t.host.published.filter((a) => a.type === "EmojiReact")).toHaveLength(1);
    expect(t.host.notifications).toEqual([
      { type: "pleroma:emoji_reaction", recipientId: "u2", actorId: "u1", statusId: "s1", emoji: "👍", emojiUrl: null },
    ]);
  });

  it("publishes EmojiReact to the author and the reactor's followers for public statuses, only the author otherwise", async () => {
    const t = testKit();
    t.host.addStatus({ id: "pub", authorId: "u2" });
    t.host.addStatus({ id: "priv", authorId: "u2", visibility: "private", addressedTo: ["u1", "u3"] });
    await put(t, "pub", "👍");
    await put(t, "priv", "blobcat");
    const [a, b] = t.host.published;
    expect(a).toMatchObject({ type: "EmojiReact", actorId: "u1", object: "pub", content: "👍", to: ["u2", "followers:u1"] });
    expect(b).toMatchObject({ type: "EmojiReact", content: ":blobcat:", to: ["u2"], cc: ["u3"] });
    expect(b!.tag).toEqual([{ type: "Emoji", name: ":blobcat:", icon: { type: "Image", url: "https://local.example/emoji/blobs/blobcat.png" } }]);
    expect(t.host.notifications[1]).toMatchObject({ emoji: ":blobcat:", emojiUrl: "https://local.example/emoji/blobs/blobcat.png" });
  });

  it("does not notify authors of their own reactions", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u1" });
    await put(t, "s1", "👍");
    expect(t.host.notifications).toEqual([]);
  });

  it("unreacts: removes, publishes Undo, and a second DELETE is Akkoma's 400", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2" });
    await put(t, "s1", "blobcat");
    const res = await t.call("DELETE", "/api/v1/pleroma/statuses/s1/reactions/blobcat", { token: "u1-token" });
    expect(res.status).toBe(200);
    expect(res.body.pleroma.emoji_reactions).toEqual([]);
    expect(t.host.published.at(-1)).toMatchObject({ type: "Undo", object: { type: "EmojiReact", content: ":blobcat:" } });
    expect(await t.call("DELETE", "/api/v1/pleroma/statuses/s1/reactions/blobcat", { token: "u1-token" })).toMatchObject({
      status: 400,
      body: { error: "Could not remove reaction emoji" },
    });
  });

  it("serves Akkoma's alias /api/v1/statuses/:id/emoji_reactions/:emoji", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2" });
    const res = await t.call("PUT", `/api/v1/statuses/s1/emoji_reactions/${enc("🎉")}`, { token: "u1-token" });
    expect(res.body.pleroma.emoji_reactions[0].name).toBe("🎉");
    expect((await t.call("DELETE", `/api/v1/statuses/s1/emoji_reactions/${enc("🎉")}`, { token: "u1-token" })).status).toBe(200);
  });

  it("lists reactions with accounts, filtered per viewer (blocks, mutes unless with_muted, deactivated)", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u9" });
    for (const u of ["u1", "u2", "u3", "u4"]) await put(t, "s1", "🎅", `user:${u}`);
    await put(t, "s1", "☕", "user:u2");
    t.host.mute("u1", "u2");
    t.host.block("u1", "u3");
    t.host.deactivate("u4");
    const mine = await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions", { token: "u1-token" });
    expect(mine.body).toEqual([{ name: "🎅", count: 1, me: true, url: null, accounts: [{ id: "u1", username: "u1", emojis: [] }] }]);
    const withMuted = await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions?with_muted=true", { token: "u1-token" });
    expect(withMuted.body.map((e: { name: string; count: number }) => [e.name, e.count])).toEqual([["🎅", 2], ["☕", 1]]);
    const anon = await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions");
    expect(anon.body.map((e: { count: number; me: boolean }) => [e.count, e.me])).toEqual([[3, false], [1, false]]);
    expect(anon.body[0].accounts.map((a: { id: string }) => a.id)).toEqual(["u3", "u2", "u1"]);
  });

  it("filters one emoji by stored name exactly", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u9" });
    await put(t, "s1", "🎅");
    await put(t, "s1", "blobcat");
    const one = await t.call("GET", `/api/v1/pleroma/statuses/s1/reactions/${enc("🎅")}`);
    expect(one.body).toEqual([{ name: "🎅", count: 1, me: false, url: null, accounts: [{ id: "u1", username: "u1", emojis: [] }] }]);
    expect((await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions/blobcat")).body).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions/%3Ablobcat%3A")).body).toEqual([]);
  });

  it("answers [] when the instance hides reactions, but keeps the maps in statuses", async () => {
    const t = testKit({ instance: { showReactions: false } });
    t.host.addStatus({ id: "s1", authorId: "u9" });
    const res = await put(t, "s1", "🎅");
    expect(res.body.pleroma.emoji_reactions).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions")).body).toEqual([]);
  });

  it("counts exactly 100 when 100 users react at once", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u9" });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => put(t, "s1", "👍", `user:p${i}`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const list = await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions");
    expect(list.body[0].count).toBe(100);
  });

  it("needs write:statuses to react", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u9" });
    expect(await put(t, "s1", "👍", "u1-read")).toMatchObject({ status: 403, body: { error: "Insufficient permissions: write:statuses." } });
  });
});
