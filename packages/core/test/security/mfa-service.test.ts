/**
 * MfaService's own refusals, tested with a store that would accept anything: a wrong code must be
 * refused by the service, not only by the store's bookkeeping.
 */
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { describe, expect, it } from "vitest";
import { AttemptLimiter } from "../../src/services/mfa/attempt-limiter.js";
import { resolveAccountSecurityOptions } from "../../src/services/mfa/account-security-options.js";
import { hashBackupCode, verifyBackupCode } from "../../src/services/mfa/backup-codes.js";
import { MfaService } from "../../src/services/mfa/mfa-service.js";
import { base32Encode } from "../../src/services/mfa/totp.js";

describe("MfaService decides itself, whatever the store answers", () => {
  /** A store that would accept any consumption: the service's own checks must refuse. */
  const permissive = (record: { confirmedSecret: string | null; backupCodeHashes: string[] }) =>
    ({
      get: async () => ({ pendingSecret: null, lastUsedStep: null, ...record }),
      consumeTotpStep: async () => true,
      consumeBackupCode: async () => true,
    }) as never;
  const service = (store: never) => {
    const clock = { now: () => new Date(1111111109 * 1000) };
    return new MfaService({
      store,
      clock,
      limiter: new AttemptLimiter(createMemoryStore().attempts, clock),
      password: {} as never,
      options: resolveAccountSecurityOptions(undefined, "h"),
    });
  };
  const secret = base32Encode(new TextEncoder().encode("12345678901234567890"));

  it("refuses a wrong TOTP code and a wrong recovery code", async () => {
    const mfa = service(permissive({ confirmedSecret: secret, backupCodeHashes: [hashBackupCode("aaaaaaaaaaaaaaaa")] }));
    expect((await mfa.verifySecondFactor("u1", { type: "totp", code: "000000" }))._unsafeUnwrap()).toBe(false);
    expect((await mfa.verifySecondFactor("u1", { type: "totp", code: "081804" }))._unsafeUnwrap()).toBe(true);
    expect((await mfa.verifySecondFactor("u1", { type: "recovery", code: "bbbbbbbbbbbbbbbb" }))._unsafeUnwrap()).toBe(false);
    expect((await mfa.verifySecondFactor("u1", { type: "recovery", code: "aaaaaaaaaaaaaaaa" }))._unsafeUnwrap()).toBe(true);
  });

  it("refuses even a right recovery code once TOTP is off (backup codes outlive it)", async () => {
    const mfa = service(permissive({ confirmedSecret: null, backupCodeHashes: [hashBackupCode("aaaaaaaaaaaaaaaa")] }));
    expect((await mfa.verifySecondFactor("u1", { type: "recovery", code: "aaaaaaaaaaaaaaaa" }))._unsafeUnwrap()).toBe(false);
  });

  it("never matches a hash stored under another prefix of the same length", () => {
    const good = hashBackupCode("0123456789abcdef");
    expect(verifyBackupCode("0123456789abcdef", `X${good.slice(1)}`)).toBe(false);
  });
});
