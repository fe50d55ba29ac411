import { describe, expect, it } from "vitest";
import type { ScrobbleRow } from "@pleroma-kit/core";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

const row = (id: string, visibility: ScrobbleRow["visibility"] = "public", accountId = "u"): ScrobbleRow => ({
  id,
  accountId,
  title: `title ${id}`,
  artist: "artist",
  album: null,
  length: 180000,
  visibility,
  createdAt: new Date(Date.UTC(2026, 0, 1)),
});

/** Scrobbles (accounts.md 19.2). */
export function scrobbleContract(factory: StoreFactory): void {
  describe("scrobbles", () => {
    const get = useStore(factory);

    it("lists an account's scrobbles newest first, filtered by visibility, idempotent per id", async () => {
      const { scrobbles } = get();
      await scrobbles.add(row("a1"));
      await scrobbles.add(row("a2", "private"));
      await scrobbles.add(row("a3", "direct"));
      await scrobbles.add(row("a4", "unlisted"));
      await scrobbles.add(row("a4", "unlisted"));
      await scrobbles.add(row("b1", "public", "other"));
      const all = await scrobbles.list("u", ["public", "unlisted", "private", "direct"], { limit: 10 });
      expect(all.map((r) => r.id)).toEqual(["a4", "a3", "a2", "a1"]);
      expect(all[3]).toEqual(row("a1"));
      expect((await scrobbles.list("u", ["public", "unlisted"], { limit: 10 })).map((r) => r.id)).toEqual(["a4", "a1"]);
    });

    it("pages by id", async () => {
      const { scrobbles } = get();
      for (const id of ["01", "02", "03", "04", "05"]) await scrobbles.add(row(id));
      const pub = ["public"] as const;
      expect((await scrobbles.list("u", pub, { limit: 2 })).map((r) => r.id)).toEqual(["05", "04"]);
      expect((await scrobbles.list("u", pub, { limit: 2, maxId: "04" })).map((r) => r.id)).toEqual(["03", "02"]);
      expect((await scrobbles.list("u", pub, { limit: 10, sinceId: "03" })).map((r) => r.id)).toEqual(["05", "04"]);
      expect((await scrobbles.list("u", pub, { limit: 2, minId: "01" })).map((r) => r.id)).toEqual(["02", "03"]);
    });
  });
}
