import { describe, expect, it } from "vitest";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

/** Mascots and background images (accounts.md 13, 19.1). */
export function profileMediaContract(factory: StoreFactory): void {
  describe("profile media", () => {
    const get = useStore(factory);

    it("stores and replaces a mascot attachment as JSON", async () => {
      const { profileMedia } = get();
      expect(await profileMedia.mascot("u")).toBeNull();
      const first = { id: "1", url: "https://x/1.png", type: "image", pleroma: { mime_type: "image/png" }, meta: null };
      await profileMedia.setMascot("u", first);
      expect(await profileMedia.mascot("u")).toEqual(first);
      await profileMedia.setMascot("u", { ...first, id: "2" });
      expect((await profileMedia.mascot("u"))!.id).toBe("2");
      expect(await profileMedia.mascot("v")).toBeNull();
    });

    it("sets, reads in a batch and clears background images", async () => {
      const { profileMedia } = get();
      await profileMedia.setBackground("u", "https://x/bg.png");
      await profileMedia.setBackground("v", "https://x/v.png");
      await profileMedia.setBackground("v", "https://x/v2.png");
      const map = await profileMedia.backgrounds(["u", "v", "w"]);
      expect(Object.fromEntries(map)).toEqual({ u: "https://x/bg.png", v: "https://x/v2.png" });
      await profileMedia.setBackground("u", null);
      expect([...(await profileMedia.backgrounds(["u", "v"])).keys()]).toEqual(["v"]);
      expect((await profileMedia.backgrounds([])).size).toBe(0);
    });
  });
}
