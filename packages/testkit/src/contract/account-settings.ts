import { describe, expect, it } from "vitest";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

/** The AccountSettingsStore promises: defaults, partial updates, idempotent aliases. */
export function accountSettingsContract(factory: StoreFactory): void {
  describe("account settings", () => {
    const get = useStore(factory);

    it("starts with both notification settings off and updates only the given fields", async () => {
      const { accountSettings: s } = get();
      expect(await s.notificationSettings("u1")).toEqual({ blockFromStrangers: false, hideNotificationContents: false });
      expect(await s.updateNotificationSettings("u1", { blockFromStrangers: true })).toEqual({ blockFromStrangers: true, hideNotificationContents: false });
      expect(await s.updateNotificationSettings("u1", { hideNotificationContents: true })).toEqual({ blockFromStrangers: true, hideNotificationContents: true });
      expect(await s.updateNotificationSettings("u1", {})).toEqual({ blockFromStrangers: true, hideNotificationContents: true });
      expect(await s.updateNotificationSettings("u1", { blockFromStrangers: false })).toEqual({ blockFromStrangers: false, hideNotificationContents: true });
      expect(await s.notificationSettings("u2")).toEqual({ blockFromStrangers: false, hideNotificationContents: false });
    });

    it("adds aliases once, in order, and removes them", async () => {
      const { accountSettings: s } = get();
      expect(await s.addAlias("u1", "a")).toBe(true);
      expect(await s.addAlias("u1", "b")).toBe(true);
      expect(await s.addAlias("u1", "a")).toBe(false);
      expect(await s.aliases("u1")).toEqual(["a", "b"]);
      expect(await s.removeAlias("u1", "a")).toBe(true);
      expect(await s.removeAlias("u1", "a")).toBe(false);
      expect(await s.aliases("u1")).toEqual(["b"]);
      expect(await s.aliases("u2")).toEqual([]);
    });

    it("lets exactly one of parallel identical alias adds win", async () => {
      const { accountSettings: s } = get();
      const results = await Promise.all(Array.from({ length: 20 }, () => s.addAlias("u1", "a")));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await s.aliases("u1")).toEqual(["a"]);
    });

    it("forgets a deleted user's settings and aliases", async () => {
      const { accountSettings: s } = get();
      await s.addAlias("u1", "a");
      await s.addAlias("u2", "a");
      await s.updateNotificationSettings("u1", { blockFromStrangers: true });
      await s.deleteUser("u1");
      expect(await s.aliases("u1")).toEqual([]);
      expect(await s.notificationSettings("u1")).toEqual({ blockFromStrangers: false, hideNotificationContents: false });
      expect(await s.aliases("u2")).toEqual(["a"]);
    });
  });
}
