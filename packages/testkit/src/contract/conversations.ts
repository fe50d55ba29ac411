import { describe, expect, it } from "vitest";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const entry = (context: string, statusId: string, direct = true, authorId = "a") => ({
  context,
  statusId,
  authorId,
  direct,
  createdAt: at(1),
});

/** Conversations and participations (content.md 3.1), including the concurrency promises. */
export function conversationContract(factory: StoreFactory): void {
  describe("conversations", () => {
    const get = useStore(factory);

    it("creates a conversation only when asked, one per context, and indexes each status once", async () => {
      const { conversations } = get();
      expect(await conversations.recordStatus(entry("ctx-1", "s1", false), false)).toBeNull();
      const id = await conversations.recordStatus(entry("ctx-1", "s2"), true);
      expect(id).not.toBeNull();
      expect(await conversations.recordStatus(entry("ctx-1", "s3", false), false)).toBe(id);
      expect(await conversations.recordStatus(entry("ctx-1", "s3", false), false)).toBe(id);
      const other = await conversations.recordStatus(entry("ctx-2", "s4"), true);
      expect(other).not.toBe(id);
      expect(await conversations.statusIds(id!, { limit: 10 })).toEqual(["s3", "s2"]);
      expect(await conversations.statusIds(id!, { limit: 10 }, { directOnly: true })).toEqual(["s2"]);
    });

    it("creates exactly one conversation for parallel first statuses of a context", async () => {
      const { conversations } = get();
      const ids = await Promise.all(
        Array.from({ length: 20 }, (_, i) => conversations.recordStatus(entry("ctx-race", `s${i}`), true)),
      );
      expect(new Set(ids).size).toBe(1);
      expect(await conversations.statusIds(ids[0]!, { limit: 40 })).toHaveLength(20);
    });

    it("pages status ids newest first, by max_id/since_id, and ascending above min_id", async () => {
      const { conversations } = get();
      let id = "";
      // Integer-like ids of different widths must still sort numerically.
      for (const s of ["8", "9", "10", "11", "12"]) id = (await conversations.recordStatus(entry("ctx", s), true))!;
      expect(await conversations.statusIds(id, { limit: 2 })).toEqual(["12", "11"]);
      expect(await conversations.statusIds(id, { limit: 10, maxId: "11" })).toEqual(["10", "9", "8"]);
      expect(await conversations.statusIds(id, { limit: 10, sinceId: "9" })).toEqual(["12", "11", "10"]);
      expect(await conversations.statusIds(id, { limit: 2, minId: "8" })).toEqual(["9", "10"]);
      expect(await conversations.statusIds(id, { limit: 10, maxId: "12", sinceId: "9" })).toEqual(["11", "10"]);
      expect(await conversations.statusIds("999999", { limit: 10 })).toEqual([]);
    });

    it("creates participations with captured recipients and applies the touch modes", async () => {
      const { conversations } = get();
      const cid = (await conversations.recordStatus(entry("ctx", "s1"), true))!;
      const first = await conversations.touchParticipations(
        cid,
        [
          { userId: "a", mode: "read" },
          { userId: "b", mode: "unread" },
          { userId: "c", mode: "quiet" },
        ],
        ["a", "b", "c"],
        at(1),
      );
      expect(first.map((p) => [p.userId, p.read])).toEqual([
        ["a", true],
        ["b", false],
        ["c", true],
      ]);
      expect(new Set(first.map((p) => p.id)).size).toBe(3);
      for (const p of first) expect([...p.recipientIds].sort()).toEqual(["a", "b", "c"]);
      expect(first[0]!.context).toBe("ctx");
      expect(first[0]!.conversationId).toBe(cid);

      // A later status with more people does not change captured recipients; quiet stays read.
      const second = await conversations.touchParticipations(
        cid,
        [
          { userId: "b", mode: "read" },
          { userId: "a", mode: "unread" },
          { userId: "c", mode: "quiet" },
          { userId: "d", mode: "unread" },
        ],
        ["a", "b", "c", "d"],
        at(5),
      );
      const byUser = new Map(second.map((p) => [p.userId, p]));
      expect(byUser.get("a")!.read).toBe(false);
      expect(byUser.get("b")!.read).toBe(true);
      expect(byUser.get("c")!.read).toBe(true);
      expect(byUser.get("a")!.id).toBe(first[0]!.id);
      expect([...byUser.get("a")!.recipientIds].sort()).toEqual(["a", "b", "c"]);
      expect([...byUser.get("d")!.recipientIds].sort()).toEqual(["a", "b", "c", "d"]);
      expect(byUser.get("a")!.updatedAt.getTime()).toBe(at(5).getTime());

      const own = await conversations.participation(first[1]!.id);
      expect(own?.userId).toBe("b");
      expect((await conversations.participationByContext("c", "ctx"))?.id).toBe(first[2]!.id);
      expect(await conversations.participationByContext("zz", "ctx")).toBeNull();
      expect(await conversations.participationByContext("a", "nope")).toBeNull();
      expect(await conversations.participation("987654")).toBeNull();
    });

    it("keeps one participation per user and conversation under parallel touches", async () => {
      const { conversations } = get();
      const cid = (await conversations.recordStatus(entry("ctx", "s1"), true))!;
      const rows = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          conversations.touchParticipations(cid, [{ userId: "u", mode: "unread" }], ["u", "v"], at(i)),
        ),
      );
      expect(new Set(rows.map((r) => r[0]!.id)).size).toBe(1);
      expect(await conversations.participationsOf("u", { limit: 10, offset: 0 })).toHaveLength(1);
    });

    it("lists a user's participations most recently updated first", async () => {
      const { conversations } = get();
      const c1 = (await conversations.recordStatus(entry("c1", "s1"), true))!;
      const c2 = (await conversations.recordStatus(entry("c2", "s2"), true))!;
      const c3 = (await conversations.recordStatus(entry("c3", "s3"), true))!;
      await conversations.touchParticipations(c1, [{ userId: "u", mode: "unread" }], ["u"], at(3));
      await conversations.touchParticipations(c2, [{ userId: "u", mode: "unread" }], ["u"], at(1));
      await conversations.touchParticipations(c3, [{ userId: "u", mode: "unread" }], ["u"], at(2));
      await conversations.touchParticipations(c3, [{ userId: "other", mode: "unread" }], ["other"], at(9));
      const list = await conversations.participationsOf("u", { limit: 10, offset: 0 });
      expect(list.map((p) => p.conversationId)).toEqual([c1, c3, c2]);
      expect((await conversations.participationsOf("u", { limit: 1, offset: 1 })).map((p) => p.conversationId)).toEqual([c3]);
    });

    it("replaces recipients without bumping or marking read", async () => {
      const { conversations } = get();
      const cid = (await conversations.recordStatus(entry("ctx", "s1"), true))!;
      const [p] = await conversations.touchParticipations(cid, [{ userId: "u", mode: "unread" }], ["u", "x"], at(1));
      const updated = await conversations.setRecipients(p!.id, ["u", "y", "z", "y"]);
      expect([...updated!.recipientIds].sort()).toEqual(["u", "y", "z"]);
      expect(updated!.read).toBe(false);
      expect(updated!.updatedAt.getTime()).toBe(at(1).getTime());
      expect([...(await conversations.participation(p!.id))!.recipientIds].sort()).toEqual(["u", "y", "z"]);
      expect(await conversations.setRecipients("987654", ["u"])).toBeNull();
    });

    it("marks all read once: parallel callers split the changed rows", async () => {
      const { conversations } = get();
      for (let i = 0; i < 10; i++) {
        const cid = (await conversations.recordStatus(entry(`ctx${i}`, `s${i}`), true))!;
        await conversations.touchParticipations(cid, [{ userId: "u", mode: i < 7 ? "unread" : "read" }], ["u"], at(i));
      }
      const results = await Promise.all(Array.from({ length: 5 }, () => conversations.markAllRead("u")));
      const all = results.flat();
      expect(all).toHaveLength(7);
      expect(new Set(all.map((p) => p.id)).size).toBe(7);
      expect(all.every((p) => p.read)).toBe(true);
      expect(await conversations.markAllRead("u")).toEqual([]);
    });

    it("marks one read (optionally bumping) and deletes a participation", async () => {
      const { conversations } = get();
      const cid = (await conversations.recordStatus(entry("ctx", "s1"), true))!;
      const [p] = await conversations.touchParticipations(cid, [{ userId: "u", mode: "unread" }], ["u"], at(1));
      const read = await conversations.markRead(p!.id, null);
      expect(read!.read).toBe(true);
      expect(read!.updatedAt.getTime()).toBe(at(1).getTime());
      expect((await conversations.markRead(p!.id, at(7)))!.updatedAt.getTime()).toBe(at(7).getTime());
      expect(await conversations.deleteParticipation(p!.id)).toBe(true);
      expect(await conversations.deleteParticipation(p!.id)).toBe(false);
      expect(await conversations.participation(p!.id)).toBeNull();
      const [again] = await conversations.touchParticipations(cid, [{ userId: "u", mode: "unread" }], ["u"], at(8));
      expect(again!.id).not.toBe(p!.id);
    });
  });
}
