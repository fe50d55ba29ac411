import { describe, expect, it } from "vitest";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

/** The AttemptStore promises: a sliding count per key, resets, no lost hits under concurrency. */
export function attemptsContract(factory: StoreFactory): void {
  describe("attempts", () => {
    const get = useStore(factory);

    it("counts hits per key inside the window", async () => {
      const { attempts } = get();
      expect(await attempts.hit("k", at(1), at(0))).toBe(1);
      expect(await attempts.hit("k", at(2), at(0))).toBe(2);
      expect(await attempts.hit("other", at(2), at(0))).toBe(1);
      // The window moved past the first two hits.
      expect(await attempts.hit("k", at(10), at(5))).toBe(1);
      expect(await attempts.hit("k", at(11), at(5))).toBe(2);
    });

    it("forgets a key on reset, leaving others", async () => {
      const { attempts } = get();
      await attempts.hit("k", at(1), at(0));
      await attempts.hit("j", at(1), at(0));
      await attempts.reset("k");
      expect(await attempts.hit("k", at(2), at(0))).toBe(1);
      expect(await attempts.hit("j", at(2), at(0))).toBe(2);
    });

    it("loses no hit of 30 parallel ones: at most `limit` callers see a count within it", async () => {
      const { attempts } = get();
      const counts = await Promise.all(Array.from({ length: 30 }, () => attempts.hit("k", at(1), at(0))));
      expect(counts.filter((n) => n <= 10).length).toBeLessThanOrEqual(10);
      expect(Math.max(...counts)).toBe(30);
      expect(await attempts.hit("k", at(2), at(0))).toBe(31);
    });
  });
}
