import { describe, expect, it } from "vitest";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

/** The CaptchaStore promises: single use until expiry, exactly one winner. */
export function captchaContract(factory: StoreFactory): void {
  describe("captcha", () => {
    const get = useStore(factory);

    it("consumes a token once and remembers it until it expires", async () => {
      const { captcha } = get();
      expect(await captcha.isUsed("h", at(1))).toBe(false);
      expect(await captcha.consume("h", at(100), at(1))).toBe(true);
      expect(await captcha.consume("h", at(100), at(2))).toBe(false);
      expect(await captcha.isUsed("h", at(2))).toBe(true);
      expect(await captcha.isUsed("h", at(100))).toBe(false);
      expect(await captcha.isUsed("other", at(2))).toBe(false);
    });

    it("lets exactly one of 20 parallel consumers win", async () => {
      const { captcha } = get();
      const results = await Promise.all(Array.from({ length: 20 }, () => captcha.consume("h", at(100), at(1))));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
