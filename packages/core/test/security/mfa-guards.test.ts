/**
 * The second-factor guards the mutation run found untested: the login challenge's client binding,
 * per-user attempt counters, the limiter's window length, the captcha counter per token, and
 * stored backup-code hashes that are not in the expected format.
 */
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { nativeCaptcha } from "../../src/internal.js";
import { AttemptLimiter, attemptKeys } from "../../src/services/mfa/attempt-limiter.js";
import { generateBackupCodes, hashBackupCode, verifyBackupCode } from "../../src/services/mfa/backup-codes.js";
import { resolveAccountSecurityOptions } from "../../src/services/mfa/account-security-options.js";
import { answer, enableTotp, otp, securityKit, startLogin } from "../support/security-host.js";

const MFA = "/api/pleroma/accounts/mfa";

describe("login challenge: client binding", () => {
  const clients = { app: "appsecret", other: "othersecret" };

  it("refuses another client the host would accept, and leaves token and code usable by the right one", async () => {
    const t = securityKit({ clients });
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const tok = await startLogin(t, "u1"); // bound to client "app"
    const code = otp(secret, t.now());
    expect(await answer(t, tok, "totp", code, { client_id: "other", client_secret: "othersecret" })).toMatchObject({
      status: 400,
      body: { error: "Invalid code" },
    });
    expect(await answer(t, tok, "totp", code)).toMatchObject({ status: 200, body: { access_token: "token-for-u1", client_id: "app" } });
  });

  it("refuses an answer without client credentials, and leaves token and code usable", async () => {
    const t = securityKit({ clients });
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const tok = await startLogin(t, "u1");
    const code = otp(secret, t.now());
    expect(await answer(t, tok, "totp", code, {} as never)).toMatchObject({ status: 400, body: { error: "Invalid code" } });
    expect(await answer(t, tok, "totp", code, { client_id: "app" } as never)).toMatchObject({ status: 400 });
    expect(await answer(t, tok, "totp", code)).toMatchObject({ status: 200, body: { client_id: "app" } });
  });

  it("lets any client the host accepts answer a challenge started without a client id", async () => {
    const t = securityKit({ clients });
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const started = await t.kit.services.loginChallenge.start("u1", { scopes: ["read"] });
    const tok = started._unsafeUnwrap()!.mfa_token;
    expect(await answer(t, tok, "totp", otp(secret, t.now()), { client_id: "other", client_secret: "othersecret" })).toMatchObject({
      status: 200,
      body: { client_id: "other", scope: "read" },
    });
  });

  it("answers the mfa_required body only for users with TOTP enabled", async () => {
    const t = securityKit();
    expect((await t.kit.services.loginChallenge.start("u1"))._unsafeUnwrap()).toBeNull();
    await enableTotp(t, "u1", "secret");
    const required = (await t.kit.services.loginChallenge.start("u1"))._unsafeUnwrap()!;
    expect(required).toMatchObject({ error: "mfa_required", supported_challenge_types: "totp" });
    expect(Buffer.from(required.mfa_token, "base64url")).toHaveLength(32);
  });

  it("expires the token after challengeSeconds, not before", async () => {
    const t = securityKit({ security: { challengeSeconds: 120 } });
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const tok = await startLogin(t, "u1");
    t.advance(119);
    const late = await startLogin(t, "u1");
    t.advance(2);
    expect(await answer(t, tok, "totp", otp(secret, t.now()))).toMatchObject({ status: 400 });
    expect(await answer(t, late, "totp", otp(secret, t.now()))).toMatchObject({ status: 200 });
  });
});

describe("attempt limits: one counter per user, over the configured window", () => {
  it("second factor: user A locked out, user B still answers", async () => {
    const t = securityKit({ security: { secondFactorAttempts: { limit: 2, windowSeconds: 600 } } });
    await enableTotp(t, "u1", "secret");
    const secretB = await enableTotp(t, "u2", "hunter2");
    t.advance(30);
    const tokA = await startLogin(t, "u1");
    for (let i = 0; i < 2; i++) expect(await answer(t, tokA, "recovery", `bad${i}`)).toMatchObject({ status: 400 });
    expect(await answer(t, tokA, "recovery", "bad")).toMatchObject({ status: 429 });
    const tokB = await startLogin(t, "u2");
    expect(await answer(t, tokB, "recovery", "bad")).toMatchObject({ status: 400 });
    expect(await answer(t, tokB, "totp", otp(secretB, t.now()))).toMatchObject({ status: 200, body: { access_token: "token-for-u2" } });
  });

  it("password: user A locked out, user B still confirms", async () => {
    const t = securityKit({ security: { passwordAttempts: { limit: 2, windowSeconds: 600 } } });
    for (let i = 0; i < 2; i++) {
      expect(await t.call("DELETE", `${MFA}/totp`, { token: "user:u1", body: { password: "wrong" } })).toMatchObject({ status: 422 });
    }
    expect(await t.call("DELETE", `${MFA}/totp`, { token: "user:u1", body: { password: "secret" } })).toMatchObject({ status: 429 });
    expect(await t.call("DELETE", `${MFA}/totp`, { token: "user:u2", body: { password: "hunter2" } })).toMatchObject({ status: 200 });
  });

  it("counts failures spread over the window, and forgets them once the window has passed", async () => {
    const t = securityKit({ security: { secondFactorAttempts: { limit: 3, windowSeconds: 600 } } });
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    for (let i = 0; i < 3; i++) {
      const tok = await startLogin(t, "u1");
      expect(await answer(t, tok, "recovery", `bad${i}`)).toMatchObject({ status: 400 });
      t.advance(150);
    }
    // 450 s after the first failure: all three are inside the 600 s window.
    expect(await answer(t, await startLogin(t, "u1"), "totp", otp(secret, t.now()))).toMatchObject({ status: 429 });
    t.advance(601);
    expect(await answer(t, await startLogin(t, "u1"), "totp", otp(secret, t.now()))).toMatchObject({ status: 200 });
  });

  it("AttemptLimiter: the window start is windowSeconds before now, and a success forgets the key", async () => {
    const store = createMemoryStore();
    let now = new Date(Date.UTC(2026, 0, 1));
    const seen: Array<[string, number, number]> = [];
    const attempts = {
      hit: async (key: string, at: Date, windowStart: Date) => {
        seen.push([key, at.getTime(), windowStart.getTime()]);
        return store.attempts.hit(key, at, windowStart);
      },
      reset: (key: string) => store.attempts.reset(key),
    };
    const limiter = new AttemptLimiter(attempts, { now: () => now });
    const limit = { limit: 2, windowSeconds: 60 };
    expect((await limiter.attempt("k", limit)).isOk()).toBe(true);
    expect(seen[0]).toEqual(["k", now.getTime(), now.getTime() - 60_000]);
    now = new Date(now.getTime() + 59_000);
    expect((await limiter.attempt("k", limit)).isOk()).toBe(true);
    expect((await limiter.attempt("k", limit))._unsafeUnwrapErr().code).toBe("THROTTLED");
    expect((await limiter.attempt("other", limit)).isOk()).toBe(true);
    await limiter.succeeded("k");
    expect((await limiter.attempt("k", limit)).isOk()).toBe(true);
    // guard: a failed check is counted and answers false; a passed one resets the count
    const fail = () => limiter.guard("g", limit, () => okOutcome(false));
    expect((await fail())._unsafeUnwrap()).toBe(false);
    expect((await limiter.guard("g", limit, () => okOutcome(true)))._unsafeUnwrap()).toBe(true);
    expect((await fail())._unsafeUnwrap()).toBe(false);
    expect((await fail())._unsafeUnwrap()).toBe(false);
    expect((await fail())._unsafeUnwrapErr().code).toBe("THROTTLED");
    let ran = false;
    expect((await limiter.guard("g", limit, () => ((ran = true), okOutcome(true))))._unsafeUnwrapErr().code).toBe("THROTTLED");
    expect(ran).toBe(false);
  });

  it("keys: one namespace per check and one key per subject", () => {
    expect(attemptKeys.password("u1")).toBe("password:u1");
    expect(attemptKeys.secondFactor("u1")).toBe("mfa:u1");
    expect(attemptKeys.confirmationResend("192.0.2.1")).toBe("confirmation_resend:192.0.2.1");
    expect(attemptKeys.captcha("abc")).toBe("captcha:abc");
  });

  it("captcha: five wrong answers on one token leave another token answerable", async () => {
    const secret = "0123456789abcdef0123456789abcdef";
    const t = securityKit();
    const provider = nativeCaptcha({ secret, clock: { now: () => t.now() }, answer: () => "777777" });
    const k = securityKit({ security: { captcha: { provider } }, start: t.now() });
    const first = (await k.call("GET", "/api/v1/pleroma/captcha")).body;
    const second = (await k.call("GET", "/api/v1/pleroma/captcha")).body;
    expect(first.token).not.toBe(second.token);
    const params = (c: { token: string; answer_data: string }, solution: string) => ({
      captcha_token: c.token,
      captcha_solution: solution,
      captcha_answer_data: c.answer_data,
    });
    for (let i = 0; i < 5; i++) expect((await k.kit.services.captcha.validate(params(first, `00000${i}`))).isErr()).toBe(true);
    expect((await k.kit.services.captcha.validate(params(first, "777777"))).isErr()).toBe(true);
    expect((await k.kit.services.captcha.validate(params(second, "777777"))).isOk()).toBe(true);
  });
});

describe("backup codes", () => {
  it("never match a malformed stored hash, and never throw on one", () => {
    const code = "0123456789abcdef";
    const good = hashBackupCode(code, new Uint8Array(16).fill(7));
    expect(verifyBackupCode(code, good)).toBe(true);
    expect(verifyBackupCode("0123456789abcdee", good)).toBe(false);
    const [, , salt, mac] = good.split("$");
    for (const stored of [
      "",
      "bogus",
      code,
      "$hmac-sha256$",
      `$hmac-sha256$${salt}`,
      `$hmac-sha256$${salt}$`,
      `$hmac-sha256$$${mac}`,
      `$pbkdf2-sha512$${salt}$${mac}`,
      `hmac-sha256$${salt}$${mac}`,
      `$hmac-sha256$${salt}$${mac!.slice(0, -2)}`,
    ]) {
      expect(verifyBackupCode(code, stored), stored).toBe(false);
    }
  });

  it("a login skips malformed stored hashes and still accepts a good code", async () => {
    const t = securityKit();
    const secret = await enableTotp(t, "u1", "secret");
    const record = (await t.store.mfa.get("u1"))!;
    await t.store.mfa.replaceBackupCodes("u1", ["$hmac-sha256$", "junk", hashBackupCode("aaaaaaaaaaaaaaaa")]);
    expect(record.confirmedSecret).toBe(secret);
    t.advance(30);
    const tok = await startLogin(t, "u1");
    expect(await answer(t, tok, "recovery", "bbbbbbbbbbbbbbbb")).toMatchObject({ status: 400 });
    expect(await answer(t, tok, "recovery", "aaaaaaaaaaaaaaaa")).toMatchObject({ status: 200 });
    expect((await t.store.mfa.get("u1"))!.backupCodeHashes).toEqual(["$hmac-sha256$", "junk"]);
  });

  it("are salted: one code hashes differently each time; the format is prefix, salt, MAC", () => {
    const a = hashBackupCode("x");
    const b = hashBackupCode("x");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\$hmac-sha256\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(verifyBackupCode("x", a) && verifyBackupCode("x", b)).toBe(true);
  });

  it("are generated as count codes of length lowercase hex characters, all different", () => {
    const codes = generateBackupCodes(5, 16);
    expect(codes).toHaveLength(5);
    for (const c of codes) expect(c).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(codes).size).toBe(5);
    expect(generateBackupCodes(2, 13).map((c) => c.length)).toEqual([12, 12]);
    expect(generateBackupCodes(1, 1)[0]).toMatch(/^[0-9a-f]{2}$/);
  });
});

describe("account-security options", () => {
  it("applies Akkoma's defaults", () => {
    expect(resolveAccountSecurityOptions(undefined, "local.example")).toEqual({
      totpIssuer: "local.example",
      backupCodeCount: 5,
      backupCodeLength: 16,
      passwordAttempts: { limit: 10, windowSeconds: 3600 },
      secondFactorAttempts: { limit: 10, windowSeconds: 3600 },
      confirmationResend: { limit: 5, windowSeconds: 8640 },
      challengeSeconds: 300,
    });
    const custom = resolveAccountSecurityOptions(
      { totpIssuer: "Kit", backupCodes: { number: 1, length: 12 }, challengeSeconds: 1, confirmationResend: { limit: 1, windowSeconds: 1 } },
      "h",
    );
    expect(custom).toMatchObject({ totpIssuer: "Kit", backupCodeCount: 1, backupCodeLength: 12, challengeSeconds: 1, confirmationResend: { limit: 1, windowSeconds: 1 } });
  });

  it.each([
    ["a zero limit", { passwordAttempts: { limit: 0, windowSeconds: 60 } }],
    ["a fractional window", { secondFactorAttempts: { limit: 3, windowSeconds: 1.5 } }],
    ["a negative window", { confirmationResend: { limit: 3, windowSeconds: -1 } }],
    ["no backup codes", { backupCodes: { number: 0 } }],
    ["backup codes shorter than 12", { backupCodes: { length: 11 } }],
    ["a zero challenge lifetime", { challengeSeconds: 0 }],
  ])("refuses %s", (_, options) => {
    expect(() => resolveAccountSecurityOptions(options, "h")).toThrow(TypeError);
  });
});

const okOutcome = (value: boolean) => okAsync(value);
