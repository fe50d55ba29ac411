/**
 * Reaction details the mutation run found unasserted: `me: false`, the muted-user filter of the
 * batch maps, Undo addressing for statuses that are not public, and the emoji-name rules.
 */
import { describe, expect, it } from "vitest";
import { testKit } from "../support/kit.js";
import { isValidEmojiFilename, isValidPackName, isValidShortcode, shortcodeFromFilename } from "../../src/services/emoji-packs/pack-names.js";

const enc = encodeURIComponent;
const put = (t: ReturnType<typeof testKit>, id: string, emoji: string, token = "u1-token") =>
  t.call("PUT", `/api/v1/pleroma/statuses/${id}/reactions/${enc(emoji)}`, { token });

describe("reaction lists and maps", () => {
  it("say me: false for the groups the viewer is not in, in lists and in status maps", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u9" });
    await put(t, "s1", "🎅", "user:u1");
    await put(t, "s1", "☕", "user:u2");
    const list = await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions", { token: "u1-token" });
    expect(list.body.map((e: { name: string; me: boolean }) => [e.name, e.me])).toEqual([["🎅", true], ["☕", false]]);
    const maps = (await t.kit.services.reactions.statusMaps(["s1"], "u2"))._unsafeUnwrap();
    expect(maps.get("s1")!.map((e) => [e.name, e.me, e.account_ids])).toEqual([["🎅", false, ["u1"]], ["☕", true, ["u2"]]]);
    const anon = (await t.kit.services.reactions.statusMaps(["s1"], null))._unsafeUnwrap();
    expect(anon.get("s1")!.map((e) => e.me)).toEqual([false, false]);
  });

  it("batch maps drop muted and blocked reactors for the viewer, per status, and empty statuses entirely", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u9" });
    t.host.addStatus({ id: "s2", authorId: "u9" });
    t.host.addStatus({ id: "s3", authorId: "u9" });
    await put(t, "s1", "🎅", "user:u2");
    await put(t, "s1", "🎅", "user:u3");
    await put(t, "s2", "☕", "user:u2");
    await put(t, "s3", "☕", "user:u4");
    t.host.mute("u1", "u2");
    t.host.block("u1", "u4");
    const maps = (await t.kit.services.reactions.statusMaps(["s1", "s2", "s3"], "u1"))._unsafeUnwrap();
    expect([...maps.keys()]).toEqual(["s1"]);
    expect(maps.get("s1")).toEqual([{ name: "🎅", count: 1, me: false, url: null, account_ids: ["u3"] }]);
    const others = (await t.kit.services.reactions.statusMaps(["s1", "s2", "s3"], "u3"))._unsafeUnwrap();
    expect([...others.keys()].sort()).toEqual(["s1", "s2", "s3"]);
    expect(others.get("s1")![0]).toMatchObject({ count: 2, me: true, account_ids: ["u3", "u2"] });
    expect((await t.kit.services.reactions.statusMaps(["nothing"], "u1"))._unsafeUnwrap().size).toBe(0);
  });

  it("with_muted lists muted reactors but never blocked ones", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u9" });
    await put(t, "s1", "🎅", "user:u2");
    await put(t, "s1", "🎅", "user:u3");
    t.host.mute("u1", "u2");
    t.host.block("u1", "u3");
    const muted = await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions?with_muted=true", { token: "u1-token" });
    expect(muted.body.map((e: { accounts: Array<{ id: string }> }) => e.accounts.map((a) => a.id))).toEqual([["u2"]]);
    expect((await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions", { token: "u1-token" })).body).toEqual([]);
  });
});

describe("reaction activities", () => {
  it.each(["unlisted", "private", "direct"] as const)("addresses EmojiReact and Undo of a %s status to its author only", async (visibility) => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2", visibility, addressedTo: ["u1", "u3"] });
    await put(t, "s1", "👍");
    const react = t.host.published.at(-1)!;
    expect(react).toMatchObject({ type: "EmojiReact", actorId: "u1", object: "s1", content: "👍", to: ["u2"], cc: ["u3"] });
    expect((await t.call("DELETE", `/api/v1/pleroma/statuses/s1/reactions/${enc("👍")}`, { token: "u1-token" })).status).toBe(200);
    expect(t.host.published.at(-1)).toMatchObject({
      type: "Undo",
      actorId: "u1",
      object: { type: "EmojiReact", object: "s1", content: "👍" },
      to: ["u2"],
      cc: [],
    });
  });

  it("addresses the Undo of a public status to the author and the reactor's followers", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2" });
    await put(t, "s1", "blobcat");
    await t.call("DELETE", "/api/v1/pleroma/statuses/s1/reactions/blobcat", { token: "u1-token" });
    const undo = t.host.published.at(-1)!;
    expect(undo).toMatchObject({ type: "Undo", object: { content: ":blobcat:" }, to: ["u2", "followers:u1"], cc: [] });
    expect(String(undo.id)).toMatch(/^https:\/\/local\.example\/activities\/.+/);
  });

  it("refuses to remove a reaction the viewer never made, or a malformed emoji", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u9" });
    await put(t, "s1", "🎅", "user:u2");
    const before = t.host.published.length;
    for (const emoji of ["🎅", "blobcat", "x y"]) {
      expect(await t.call("DELETE", `/api/v1/pleroma/statuses/s1/reactions/${enc(emoji)}`, { token: "u1-token" })).toMatchObject({
        status: 400,
        body: { error: "Could not remove reaction emoji" },
      });
    }
    expect(t.host.published).toHaveLength(before);
    expect((await t.kit.services.reactions.statusMaps(["s1"], null))._unsafeUnwrap().get("s1")![0]!.count).toBe(1);
  });
});

describe("pack names, shortcodes and emoji file names", () => {
  it.each(["blobs", "Blob Cats", "ä-pack_1.2+x@y", "a", "x".repeat(100), "blobs.", "a..b"])("accepts the pack name %j", (name) => {
    expect(isValidPackName(name)).toBe(true);
  });
  it.each(["", ".", "..", ".hidden", " lead", "trail ", "a/b", "a\\b", "a\u0000b", "x".repeat(101), "a:b", "a\nb", "a*b"])(
    "refuses the pack name %j",
    (name) => {
      expect(isValidPackName(name)).toBe(false);
    },
  );

  it("shortcodes: [A-Za-z0-9_-], 1 to 100", () => {
    for (const ok of ["blobcat", "a", "A_b-9", "x".repeat(100)]) expect(isValidShortcode(ok)).toBe(true);
    for (const bad of ["", "x".repeat(101), "a b", "a.b", ":a:", "ä", "a\nb", "a@b"]) expect(isValidShortcode(bad)).toBe(false);
  });

  it("emoji file names: up to four safe segments ending in an image extension", () => {
    for (const ok of ["a.png", "x/y/z/a.PNG", "b (1).gif", "c.jpeg", "d.jpg", "e.webp", "f.apng", "ä+@-_.png", `${"x".repeat(124)}.png`]) {
      expect(isValidEmojiFilename(ok), ok).toBe(true);
    }
    for (const bad of [
      "a.svg", "pack.json", "emoji.txt", "a/b/c/d/e.png", "../a.png", "./a.png", "a/../b.png", ".a.png", " a.png", "a.png ",
      "a//b.png", "/a.png", "a\\b.png", "a\u0000.png", `${"x".repeat(125)}.png`, "a.png/", "a.png.exe", "a:b.png", "a/ b.png",
    ]) {
      expect(isValidEmojiFilename(bad), bad).toBe(false);
    }
  });

  it("derives the default shortcode from the file name", () => {
    expect(shortcodeFromFilename("dir/blank.png")).toBe("blank");
    expect(shortcodeFromFilename("a.b.png")).toBe("a.b");
    expect(shortcodeFromFilename("noext")).toBe("noext");
    expect(shortcodeFromFilename(".png")).toBe(".png");
    expect(shortcodeFromFilename("d/")).toBe("");
  });
});
