/**
 * Issue 13 item 6: the host decorates its own Status JSON in one batch, and hands the kit what its
 * inbox received (remote EmojiReact and Undo, a remote direct message joining a conversation).
 */
import { describe, expect, it } from "vitest";
import { testKit } from "./support/kit.js";

describe("kit.decorateStatuses", () => {
  it("adds emoji_reactions to the host's own JSON, reblogs included, keeping every host field", async () => {
    const { kit, host, call } = testKit();
    host.addStatus({ id: "s1", authorId: "u2" });
    host.addStatus({ id: "s2", authorId: "u3" });
    await call("PUT", "/api/v1/pleroma/statuses/s1/reactions/%F0%9F%91%8D", { token: "u1-token" });
    const mine = [
      { id: "s1", content: "<p>hi</p>", pleroma: { local: true, thread_muted: false } },
      { id: "r1", content: "", reblog: { id: "s1", content: "<p>hi</p>" } },
      { id: "s2", content: "plain" },
    ];
    const out = await kit.decorateStatuses("u1", mine);
    const entry = { name: "👍", count: 1, me: true, url: null, account_ids: ["u1"] };
    expect(out[0]).toEqual({ id: "s1", content: "<p>hi</p>", emoji_reactions: [entry], pleroma: { local: true, thread_muted: false, emoji_reactions: [entry] } });
    expect((out[1]!.reblog as any).emoji_reactions).toEqual([entry]);
    expect(out[1]!.emoji_reactions).toEqual([]);
    expect(out[2]).toMatchObject({ content: "plain", emoji_reactions: [], pleroma: { emoji_reactions: [] } });
    // For another viewer `me` is false.
    expect((await kit.decorateStatuses("u2", [mine[0]!]))[0]!.emoji_reactions).toEqual([{ ...entry, me: false }]);
  });
});

describe("kit.inbound", () => {
  it("stores a remote EmojiReact, notifies the author, publishes nothing, and undoes it", async () => {
    const { kit, host, call } = testKit();
    host.addStatus({ id: "s1", authorId: "u1" });
    const emoji = { name: "wow", url: "https://remote.example/emoji/wow.png" };
    expect(await kit.inbound.emojiReact("r9", "s1", emoji)).toBe(true);
    expect(await kit.inbound.emojiReact("r9", "s1", emoji)).toBe(false);
    expect(host.published).toEqual([]);
    expect(host.notifications).toEqual([
      { type: "pleroma:emoji_reaction", recipientId: "u1", actorId: "r9", statusId: "s1", emoji: ":wow:", emojiUrl: emoji.url },
    ]);
    const list = await call("GET", "/api/v1/pleroma/statuses/s1/reactions", { token: "u1-token" });
    expect(list.body.map((r: any) => [r.name, r.count])).toEqual([["wow@remote.example", 1]]);
    expect(await kit.inbound.undoEmojiReact("r9", "s1", emoji)).toBe(true);
    expect((await call("GET", "/api/v1/pleroma/statuses/s1/reactions", { token: "u1-token" })).body).toEqual([]);
    expect(await kit.inbound.undoEmojiReact("r9", "s1", emoji)).toBe(false);
  });

  it("refuses a reaction on a status the actor cannot see, and a malformed emoji", async () => {
    const { kit, host } = testKit();
    host.addStatus({ id: "d1", authorId: "u1", visibility: "direct", addressedTo: ["u2"] });
    host.addStatus({ id: "s1", authorId: "u1" });
    await expect(kit.inbound.emojiReact("r9", "d1", { name: "👍", url: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.inbound.emojiReact("r9", "s1", { name: "not an emoji", url: null })).rejects.toMatchObject({ code: "REACTION_ADD_FAILED" });
    await expect(kit.inbound.emojiReact("r9", "s1", { name: "wow", url: "javascript:alert(1)" })).rejects.toMatchObject({ code: "REACTION_ADD_FAILED" });
  });

  it("puts a remote direct message into the recipient's conversation", async () => {
    const { kit, host, call } = testKit();
    host.addStatus({ id: "9001", authorId: "r9", visibility: "direct", addressedTo: ["u1"] });
    await kit.inbound.statusCreated({
      id: "9001",
      authorId: "r9",
      visibility: "direct",
      context: "https://remote.example/contexts/1",
      inReplyToId: null,
      recipientIds: ["u1"],
      createdAt: new Date(),
    });
    const list = (await kit.services.conversations.list("u1"))._unsafeUnwrap();
    expect(list).toHaveLength(1);
    expect(list[0]!.unread).toBe(true);
    expect((list[0]!.last_status as any).id).toBe("9001");
    // The library's conversation endpoint serves it by its participation id.
    const shown = await call("GET", `/api/v1/pleroma/conversations/${list[0]!.id}`, { token: "u1-token" });
    expect(shown.status).toBe(200);
  });
});

describe("activity ids", () => {
  it("uses the host's ids for the activities the kit publishes, and the kit's default without them", async () => {
    const base = testKit();
    base.host.addStatus({ id: "s1", authorId: "u2" });
    await base.call("PUT", "/api/v1/pleroma/statuses/s1/reactions/%F0%9F%91%8D", { token: "u1-token" });
    expect(base.host.published[0]!.id).toMatch(/^https:\/\/local\.example\/activities\/[0-9a-z]+$/);

    const { fakeHost } = await import("./support/fake-host.js");
    const host = fakeHost();
    host.addStatus({ id: "s1", authorId: "u2" });
    const federation = { publish: host.ports.federation.publish, activityId: (type: string, id: string) => `https://me.example/ap/${type}/${id}` };
    const t = testKit({ host: { ...host.ports, federation } });
    await t.call("PUT", "/api/v1/pleroma/statuses/s1/reactions/%F0%9F%91%8D", { token: "u1-token" });
    await t.call("DELETE", "/api/v1/pleroma/statuses/s1/reactions/%F0%9F%91%8D", { token: "u1-token" });
    expect(host.published.map((a) => [a.type, String(a.id).replace(/[0-9a-z]+$/, "N")])).toEqual([
      ["EmojiReact", "https://me.example/ap/EmojiReact/N"],
      ["Undo", "https://me.example/ap/Undo/N"],
    ]);
  });
});
