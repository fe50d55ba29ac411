import { describe, expect, it } from "vitest";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

/** The MfaStore promises: pending vs confirmed secrets, conditional step use, single-use codes and challenges. */
export function mfaContract(factory: StoreFactory): void {
  describe("mfa", () => {
    const get = useStore(factory);

    it("knows nothing of a new user, and keeps a pending secret apart from the confirmed one", async () => {
      const { mfa } = get();
      expect(await mfa.get("u1")).toBeNull();
      await mfa.setPendingSecret("u1", "AAAA");
      expect(await mfa.get("u1")).toEqual({ confirmedSecret: null, pendingSecret: "AAAA", lastUsedStep: null, backupCodeHashes: [] });
      expect(await mfa.confirmSecret("u1", "BBBB", 10)).toBe(false);
      expect(await mfa.confirmSecret("u1", "AAAA", 10)).toBe(true);
      await mfa.setPendingSecret("u1", "CCCC");
      expect(await mfa.get("u1")).toMatchObject({ confirmedSecret: "AAAA", pendingSecret: "CCCC", lastUsedStep: 10 });
      expect(await mfa.get("u2")).toBeNull();
    });

    it("consumes each time step once and never a step at or before the last", async () => {
      const { mfa } = get();
      expect(await mfa.consumeTotpStep("u1", 5)).toBe(false); // no confirmed secret
      await mfa.setPendingSecret("u1", "AAAA");
      await mfa.confirmSecret("u1", "AAAA", 10);
      expect(await mfa.consumeTotpStep("u1", 10)).toBe(false);
      expect(await mfa.consumeTotpStep("u1", 9)).toBe(false);
      expect(await mfa.consumeTotpStep("u1", 11)).toBe(true);
      expect(await mfa.consumeTotpStep("u1", 11)).toBe(false);
      expect((await mfa.get("u1"))!.lastUsedStep).toBe(11);
    });

    it("lets exactly one of 20 parallel uses of one step win", async () => {
      const { mfa } = get();
      await mfa.setPendingSecret("u1", "AAAA");
      await mfa.confirmSecret("u1", "AAAA", 1);
      const results = await Promise.all(Array.from({ length: 20 }, () => mfa.consumeTotpStep("u1", 2)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("lets exactly one of parallel confirmations of one pending secret win", async () => {
      const { mfa } = get();
      await mfa.setPendingSecret("u1", "AAAA");
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => mfa.confirmSecret("u1", "AAAA", i)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("disables TOTP but keeps backup codes", async () => {
      const { mfa } = get();
      await mfa.setPendingSecret("u1", "AAAA");
      await mfa.confirmSecret("u1", "AAAA", 3);
      await mfa.replaceBackupCodes("u1", ["h1", "h2"]);
      await mfa.disableTotp("u1");
      const r = await mfa.get("u1");
      expect(r).toMatchObject({ confirmedSecret: null, pendingSecret: null, lastUsedStep: null });
      expect([...r!.backupCodeHashes].sort()).toEqual(["h1", "h2"]);
    });

    it("replaces backup codes as a set and consumes each once", async () => {
      const { mfa } = get();
      await mfa.replaceBackupCodes("u1", ["a", "b"]);
      await mfa.replaceBackupCodes("u1", ["c", "d", "e"]);
      expect([...(await mfa.get("u1"))!.backupCodeHashes].sort()).toEqual(["c", "d", "e"]);
      expect(await mfa.consumeBackupCode("u1", "a")).toBe(false);
      expect(await mfa.consumeBackupCode("u2", "c")).toBe(false);
      expect(await mfa.consumeBackupCode("u1", "c")).toBe(true);
      expect(await mfa.consumeBackupCode("u1", "c")).toBe(false);
      expect([...(await mfa.get("u1"))!.backupCodeHashes].sort()).toEqual(["d", "e"]);
    });

    it("lets exactly one of 20 parallel uses of one backup code win", async () => {
      const { mfa } = get();
      await mfa.replaceBackupCodes("u1", ["x", "y"]);
      const results = await Promise.all(Array.from({ length: 20 }, () => mfa.consumeBackupCode("u1", "x")));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await mfa.get("u1"))!.backupCodeHashes).toEqual(["y"]);
    });

    it("stores challenges until they expire and lets one consumer win", async () => {
      const { mfa } = get();
      await mfa.putChallenge("t1", { userId: "u1", context: { clientId: "c1", scopes: ["read"] }, expiresAt: at(30) });
      expect(await mfa.findChallenge("t1", at(10))).toEqual({ userId: "u1", context: { clientId: "c1", scopes: ["read"] }, expiresAt: at(30) });
      expect(await mfa.findChallenge("t1", at(30))).toBeNull();
      expect(await mfa.findChallenge("nope", at(10))).toBeNull();
      const results = await Promise.all(Array.from({ length: 20 }, () => mfa.consumeChallenge("t1", at(10))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await mfa.findChallenge("t1", at(10))).toBeNull();
      await mfa.putChallenge("t2", { userId: "u1", context: {}, expiresAt: at(5) });
      expect(await mfa.consumeChallenge("t2", at(6))).toBe(false);
    });

    it("forgets a deleted user", async () => {
      const { mfa } = get();
      await mfa.setPendingSecret("u1", "AAAA");
      await mfa.replaceBackupCodes("u1", ["a"]);
      await mfa.putChallenge("t1", { userId: "u1", context: {}, expiresAt: at(30) });
      await mfa.setPendingSecret("u2", "BBBB");
      await mfa.deleteUser("u1");
      expect(await mfa.get("u1")).toBeNull();
      expect(await mfa.findChallenge("t1", at(1))).toBeNull();
      expect((await mfa.get("u2"))!.pendingSecret).toBe("BBBB");
    });
  });
}
