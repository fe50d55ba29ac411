import { describe, expect, it } from "vitest";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

export function reactionContract(factory: StoreFactory): void {
  describe("reactions", () => {
    const get = useStore(factory);

    it("adds once per user and key, and groups by first use with newest users first", async () => {
      const { reactions } = get();
      expect(await reactions.add({ statusId: "s1", userId: "u1", name: "👍", url: null, createdAt: at(1) })).toBe(true);
      expect(await reactions.add({ statusId: "s1", userId: "u1", name: "👍", url: null, createdAt: at(2) })).toBe(false);
      await reactions.add({ statusId: "s1", userId: "u2", name: "☕", url: null, createdAt: at(3) });
      await reactions.add({ statusId: "s1", userId: "u3", name: "👍", url: null, createdAt: at(4) });
      const groups = (await reactions.groupsFor(["s1"])).get("s1");
      expect(groups).toEqual([
        { name: "👍", url: null, userIds: ["u3", "u1"] },
        { name: "☕", url: null, userIds: ["u2"] },
      ]);
    });

    it("orders users of one emoji newest first, later inserts first when the time is equal", async () => {
      const { reactions } = get();
      for (const u of ["u1", "u2", "u3"]) {
        await reactions.add({ statusId: "s1", userId: u, name: "👍", url: null, createdAt: at(5) });
      }
      expect((await reactions.groupsFor(["s1"])).get("s1")![0]!.userIds).toEqual(["u3", "u2", "u1"]);
    });

    it("keys custom emoji by url: one shortcode from two hosts is two groups", async () => {
      const { reactions } = get();
      await reactions.add({ statusId: "s1", userId: "u1", name: "wow", url: "https://a.example/wow.png", createdAt: at(1) });
      await reactions.add({ statusId: "s1", userId: "u2", name: "wow", url: "https://b.example/wow.png", createdAt: at(2) });
      await reactions.add({ statusId: "s1", userId: "u3", name: "wow", url: null, createdAt: at(3) });
      const groups = (await reactions.groupsFor(["s1"])).get("s1")!;
      expect(groups.map((g) => [g.name, g.url, g.userIds])).toEqual([
        ["wow", "https://a.example/wow.png", ["u1"]],
        ["wow", "https://b.example/wow.png", ["u2"]],
        ["wow", null, ["u3"]],
      ]);
    });

    it("removes only the matching key and drops empty groups; a re-added emoji goes last", async () => {
      const { reactions } = get();
      await reactions.add({ statusId: "s1", userId: "u1", name: "👍", url: null, createdAt: at(1) });
      await reactions.add({ statusId: "s1", userId: "u1", name: "☕", url: null, createdAt: at(2) });
      expect(await reactions.remove("s1", "u1", { name: "👍", url: null })).toBe(true);
      expect(await reactions.remove("s1", "u1", { name: "👍", url: null })).toBe(false);
      expect(await reactions.remove("s1", "u2", { name: "☕", url: null })).toBe(false);
      await reactions.add({ statusId: "s1", userId: "u2", name: "👍", url: null, createdAt: at(3) });
      const groups = (await reactions.groupsFor(["s1"])).get("s1")!;
      expect(groups.map((g) => g.name)).toEqual(["☕", "👍"]);
    });

    it("answers a batch of statuses in one call and omits statuses without reactions", async () => {
      const { reactions } = get();
      await reactions.add({ statusId: "s1", userId: "u1", name: "👍", url: null, createdAt: at(1) });
      await reactions.add({ statusId: "s2", userId: "u1", name: "🎉", url: null, createdAt: at(1) });
      const map = await reactions.groupsFor(["s1", "s2", "s3"]);
      expect([...map.keys()].sort()).toEqual(["s1", "s2"]);
      expect((await reactions.groupsFor([])).size).toBe(0);
    });

    it("keeps every reaction of 100 users reacting at once", async () => {
      const { reactions } = get();
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          reactions.add({ statusId: "s1", userId: `u${i}`, name: "👍", url: null, createdAt: at(i % 60) }),
        ),
      );
      expect((await reactions.groupsFor(["s1"])).get("s1")![0]!.userIds).toHaveLength(100);
    });

    it("lets exactly one of 20 parallel identical adds win", async () => {
      const { reactions } = get();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => reactions.add({ statusId: "s1", userId: "u1", name: "👍", url: null, createdAt: at(1) })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await reactions.groupsFor(["s1"])).get("s1")![0]!.userIds).toEqual(["u1"]);
    });
  });
}
