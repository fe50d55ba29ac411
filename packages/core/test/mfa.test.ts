import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { answer, enableTotp, otp, securityKit, startLogin } from "./support/security-host.js";

const MFA = "/api/pleroma/accounts/mfa";

describe("MFA settings and setup", () => {
  it("reports a new user as not enrolled, under both prefixes", async () => {
    const t = securityKit();
    for (const path of [MFA, "/api/v1/pleroma/accounts/mfa"]) {
      expect(await t.call("GET", path, { token: "user:u1" })).toMatchObject({ status: 200, body: { settings: { enabled: false, totp: false } } });
    }
  });

  it("needs read:security for settings and write:security for setup and backup codes", async () => {
    const t = securityKit();
    expect(await t.call("GET", MFA, { token: "scoped:u1:read,follow" })).toMatchObject({ status: 200 });
    expect(await t.call("GET", MFA, { token: "scoped:u1:write" })).toEqual(
      expect.objectContaining({ status: 403, body: { error: "Insufficient permissions: read:security." } }),
    );
    expect(await t.call("GET", `${MFA}/setup/totp`, { token: "scoped:u1:read" })).toMatchObject({
      status: 403,
      body: { error: "Insufficient permissions: write:security." },
    });
    expect(await t.call("GET", `${MFA}/backup_codes`, { token: "scoped:u1:read" })).toMatchObject({ status: 403 });
    expect(await t.call("GET", MFA)).toMatchObject({ status: 403, body: { error: "Invalid credentials." } });
  });

  it("issues a 160-bit base32 secret and an otpauth URI that otpauth parses", async () => {
    const t = securityKit({ security: { totpIssuer: "Pleroma Kit" } });
    const res = await t.call("GET", `${MFA}/setup/totp`, { token: "user:u1" });
    expect(res.status).toBe(200);
    expect(res.body.key).toMatch(/^[A-Z2-7]{32}$/);
    expect(OTPAuth.Secret.fromBase32(res.body.key).bytes.length).toBe(20);
    expect(res.body.provisioning_uri).toBe(
      `otpauth://totp/Pleroma%20Kit:alice?digits=6&issuer=Pleroma+Kit&period=30&secret=${res.body.key}`,
    );
    const parsed = OTPAuth.URI.parse(res.body.provisioning_uri) as OTPAuth.TOTP;
    expect(parsed.secret.base32).toBe(res.body.key);
    const again = await t.call("GET", `${MFA}/setup/totp`, { token: "user:u1" });
    expect(again.body.key).not.toBe(res.body.key);
    // Setup alone enables nothing.
    expect((await t.call("GET", MFA, { token: "user:u1" })).body.settings).toEqual({ enabled: false, totp: false });
  });

  it("answers 400 undefined method for setup of another method", async () => {
    const t = securityKit();
    expect(await t.call("GET", `${MFA}/setup/sms`, { token: "user:u1" })).toMatchObject({ status: 400, body: { error: "undefined method" } });
  });
});

describe("MFA confirm", () => {
  it("enables MFA with the password and a code from the authenticator", async () => {
    const t = securityKit();
    const key = (await t.call("GET", `${MFA}/setup/totp`, { token: "user:u1" })).body.key;
    const res = await t.call("POST", `${MFA}/confirm/totp`, { token: "user:u1", body: { password: "secret", code: otp(key, t.now()) } });
    expect(res).toMatchObject({ status: 200, body: {} });
    expect((await t.call("GET", MFA, { token: "user:u1" })).body.settings).toEqual({ enabled: true, totp: true });
  });

  it("refuses a wrong or missing password with 422 and changes nothing", async () => {
    const t = securityKit();
    const key = (await t.call("GET", `${MFA}/setup/totp`, { token: "user:u1" })).body.key;
    for (const password of ["xxx", ""]) {
      const res = await t.call("POST", `${MFA}/confirm/totp`, { token: "user:u1", body: { password, code: otp(key, t.now()) } });
      expect(res).toMatchObject({ status: 422, body: { error: "Invalid password." } });
    }
    expect((await t.call("GET", MFA, { token: "user:u1" })).body.settings.enabled).toBe(false);
    expect((await t.store.mfa.get("u1"))!.confirmedSecret).toBeNull();
  });

  it("answers Akkoma's errors for bad codes and missing parameters", async () => {
    const t = securityKit();
    const key = (await t.call("GET", `${MFA}/setup/totp`, { token: "user:u1" })).body.key;
    const confirm = (body: unknown, method = "totp") => t.call("POST", `${MFA}/confirm/${method}`, { token: "user:u1", body });
    expect(await confirm({ password: "secret", code: "code" })).toMatchObject({ status: 422, body: { error: "invalid_token" } });
    expect(await confirm({ password: "secret", code: Number(otp(key, t.now())) })).toMatchObject({
      status: 422,
      body: { error: "invalid_secret_and_token" },
    });
    expect(await confirm({ password: "secret" })).toMatchObject({ status: 400, body: { error: "undefined mfa method" } });
    expect(await confirm({ code: otp(key, t.now()) })).toMatchObject({ status: 400, body: { error: "undefined mfa method" } });
    expect(await confirm({ password: "secret", code: otp(key, t.now()) }, "sms")).toMatchObject({ status: 400, body: { error: "undefined mfa method" } });
    expect((await t.call("GET", MFA, { token: "user:u1" })).body.settings.enabled).toBe(false);
  });

  it("refuses to confirm without a prior setup (Akkoma crashes)", async () => {
    const t = securityKit();
    const res = await t.call("POST", `${MFA}/confirm/totp`, { token: "user:u1", body: { password: "secret", code: "123456" } });
    expect(res).toMatchObject({ status: 422, body: { error: "invalid_token" } });
  });

  it("takes raw parameters from the query string too", async () => {
    const t = securityKit();
    const key = (await t.call("GET", `${MFA}/setup/totp`, { token: "user:u1" })).body.key;
    const res = await t.call("POST", `${MFA}/confirm/totp?password=secret&code=${otp(key, t.now())}`, { token: "user:u1" });
    expect(res.status).toBe(200);
  });

  it("does not replace a confirmed secret on a second setup until the new one is confirmed", async () => {
    const t = securityKit();
    const first = await enableTotp(t, "u1", "secret");
    const second = (await t.call("GET", `${MFA}/setup/totp`, { token: "user:u1" })).body.key;
    expect(second).not.toBe(first);
    expect((await t.call("GET", MFA, { token: "user:u1" })).body.settings).toEqual({ enabled: true, totp: true });
    t.advance(30);
    // The old secret still logs in.
    expect((await answer(t, await startLogin(t, "u1"), "totp", otp(first, t.now()))).status).toBe(200);
    t.advance(30);
    expect((await t.call("POST", `${MFA}/confirm/totp`, { token: "user:u1", body: { password: "secret", code: otp(second, t.now()) } })).status).toBe(200);
    t.advance(30);
    expect(await answer(t, await startLogin(t, "u1"), "totp", otp(first, t.now()))).toMatchObject({ status: 400 });
    expect((await answer(t, await startLogin(t, "u1"), "totp", otp(second, t.now()))).status).toBe(200);
  });
});

describe("MFA disable", () => {
  it("disables TOTP with the password sent as multipart on DELETE, keeping backup codes", async () => {
    const t = securityKit();
    await enableTotp(t, "u1", "secret");
    await t.call("GET", `${MFA}/backup_codes`, { token: "user:u1" });
    const wrong = new FormData();
    wrong.set("password", "nope");
    expect(await t.call("DELETE", `${MFA}/totp`, { token: "user:u1", body: wrong })).toMatchObject({ status: 422, body: { error: "Invalid password." } });
    expect((await t.call("GET", MFA, { token: "user:u1" })).body.settings.enabled).toBe(true);
    const form = new FormData();
    form.set("password", "secret");
    expect(await t.call("DELETE", `${MFA}/totp`, { token: "user:u1", body: form })).toMatchObject({ status: 200, body: {} });
    expect((await t.call("GET", MFA, { token: "user:u1" })).body.settings).toEqual({ enabled: false, totp: false });
    expect((await t.store.mfa.get("u1"))!.backupCodeHashes).toHaveLength(5);
  });

  it("disables everything with the undocumented `mfa` method; other methods are 400", async () => {
    const t = securityKit();
    await enableTotp(t, "u1", "secret");
    expect(await t.call("DELETE", `${MFA}/sms`, { token: "user:u1", body: { password: "secret" } })).toMatchObject({
      status: 400,
      body: { error: "undefined mfa method" },
    });
    expect(await t.call("DELETE", `${MFA}/mfa`, { token: "user:u1", body: {} })).toMatchObject({ status: 422, body: { error: "Invalid password." } });
    expect(await t.call("DELETE", `${MFA}/mfa?password=secret`, { token: "user:u1" })).toMatchObject({ status: 200, body: {} });
    expect((await t.call("GET", MFA, { token: "user:u1" })).body.settings.enabled).toBe(false);
  });
});

describe("backup codes", () => {
  it("returns five fresh 16-hex codes, stores only salted hashes, and replaces the old set", async () => {
    const t = securityKit();
    const first = await t.call("GET", `${MFA}/backup_codes`, { token: "user:u1" });
    expect(first.status).toBe(200);
    expect(first.body.codes).toHaveLength(5);
    for (const c of first.body.codes) expect(c).toMatch(/^[0-9a-f]{16}$/);
    const stored = (await t.store.mfa.get("u1"))!.backupCodeHashes;
    expect(stored).toHaveLength(5);
    for (const code of first.body.codes) expect(stored.join(" ")).not.toContain(code);
    expect(new Set(stored.map((h) => h.split("$")[2])).size).toBe(5); // a salt per code
    const second = await t.call("GET", `${MFA}/backup_codes`, { token: "user:u1" });
    expect(second.body.codes).not.toEqual(first.body.codes);
    expect((await t.store.mfa.get("u1"))!.backupCodeHashes).not.toEqual(stored);
  });

  it("honours the configured number and length", async () => {
    const t = securityKit({ security: { backupCodes: { number: 2, length: 20 } } });
    const res = await t.call("GET", `${MFA}/backup_codes`, { token: "user:u1" });
    expect(res.body.codes).toHaveLength(2);
    expect(res.body.codes[0]).toMatch(/^[0-9a-f]{20}$/);
  });

  it("logs in once with a backup code; a second use fails", async () => {
    const t = securityKit();
    await enableTotp(t, "u1", "secret");
    const codes = (await t.call("GET", `${MFA}/backup_codes`, { token: "user:u1" })).body.codes as string[];
    expect(await answer(t, await startLogin(t, "u1"), "recovery", codes[2]!)).toMatchObject({ status: 200, body: { access_token: "token-for-u1" } });
    expect(await answer(t, await startLogin(t, "u1"), "recovery", codes[2]!)).toMatchObject({ status: 400, body: { error: "Invalid code" } });
    expect((await answer(t, await startLogin(t, "u1"), "recovery", codes[3]!)).status).toBe(200);
  });

  it("lets exactly one of 20 parallel logins with one backup code succeed", async () => {
    const t = securityKit({ security: { secondFactorAttempts: { limit: 100, windowSeconds: 3600 } } });
    await enableTotp(t, "u1", "secret");
    const codes = (await t.call("GET", `${MFA}/backup_codes`, { token: "user:u1" })).body.codes as string[];
    const tokens = await Promise.all(Array.from({ length: 20 }, () => startLogin(t, "u1")));
    const results = await Promise.all(tokens.map((tok) => answer(t, tok, "recovery", codes[0]!)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(19);
    expect((await t.store.mfa.get("u1"))!.backupCodeHashes).toHaveLength(4);
  });
});

describe("login challenge", () => {
  it("starts only for users with MFA enabled, with Akkoma's mfa_required body", async () => {
    const t = securityKit();
    expect((await t.kit.services.loginChallenge.start("u1"))._unsafeUnwrap()).toBeNull();
    await enableTotp(t, "u1", "secret");
    const body = (await t.kit.services.loginChallenge.start("u1"))._unsafeUnwrap()!;
    expect(body).toMatchObject({ error: "mfa_required", supported_challenge_types: "totp" });
    expect(body.mfa_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("accepts one step of drift either way and refuses two", async () => {
    const t = securityKit();
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(300);
    const at = (steps: number) => new Date(t.now().getTime() + steps * 30_000);
    expect(await answer(t, await startLogin(t, "u1"), "totp", otp(secret, at(-2)))).toMatchObject({ status: 400 });
    expect((await answer(t, await startLogin(t, "u1"), "totp", otp(secret, at(-1)))).status).toBe(200);
    expect(await answer(t, await startLogin(t, "u1"), "totp", otp(secret, at(2)))).toMatchObject({ status: 400 });
    expect((await answer(t, await startLogin(t, "u1"), "totp", otp(secret, at(1)))).status).toBe(200);
  });

  it("refuses a replayed code and any code of an earlier step", async () => {
    const t = securityKit();
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(60);
    const code = otp(secret, t.now());
    expect((await answer(t, await startLogin(t, "u1"), "totp", code)).status).toBe(200);
    expect(await answer(t, await startLogin(t, "u1"), "totp", code)).toMatchObject({ status: 400, body: { error: "Invalid code" } });
    const earlier = otp(secret, new Date(t.now().getTime() - 30_000));
    expect(await answer(t, await startLogin(t, "u1"), "totp", earlier)).toMatchObject({ status: 400 });
    t.advance(30);
    expect((await answer(t, await startLogin(t, "u1"), "totp", otp(secret, t.now()))).status).toBe(200);
  });

  it("refuses the code the secret was confirmed with", async () => {
    const t = securityKit();
    const key = (await t.call("GET", `${MFA}/setup/totp`, { token: "user:u1" })).body.key;
    const code = otp(key, t.now());
    await t.call("POST", `${MFA}/confirm/totp`, { token: "user:u1", body: { password: "secret", code } });
    expect(await answer(t, await startLogin(t, "u1"), "totp", code)).toMatchObject({ status: 400 });
  });

  it("lets exactly one of 20 parallel logins with one TOTP code succeed", async () => {
    const t = securityKit({ security: { secondFactorAttempts: { limit: 100, windowSeconds: 3600 } } });
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => startLogin(t, "u1")));
    const code = otp(secret, t.now());
    const results = await Promise.all(tokens.map((tok) => answer(t, tok, "totp", code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it("keeps the mfa_token after a wrong code, but yields one token only", async () => {
    const t = securityKit();
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const tok = await startLogin(t, "u1");
    expect(await answer(t, tok, "totp", "000000" === otp(secret, t.now()) ? "111111" : "000000")).toMatchObject({ status: 400 });
    expect((await answer(t, tok, "totp", otp(secret, t.now()))).status).toBe(200);
    t.advance(30);
    expect(await answer(t, tok, "totp", otp(secret, t.now()))).toMatchObject({ status: 400, body: { error: "Invalid code" } });
  });

  it("fails with Invalid code for a bad client, an expired or unknown token, or an unknown type", async () => {
    const t = securityKit();
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const tok = await startLogin(t, "u1");
    const code = otp(secret, t.now());
    for (const res of [
      await answer(t, tok, "totp", code, { client_id: "other", client_secret: "appsecret" }),
      await answer(t, tok, "sms", code),
      await answer(t, "not-a-token", "totp", code),
      await answer(t, tok, "totp", ""),
    ]) {
      expect(res).toMatchObject({ status: 400, body: { error: "Invalid code" } });
    }
    t.advance(301);
    expect(await answer(t, tok, "totp", otp(secret, t.now()))).toMatchObject({ status: 400, body: { error: "Invalid code" } });
  });

  it("takes client credentials from HTTP Basic", async () => {
    const t = securityKit();
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const res = await t.call("POST", "/oauth/mfa/challenge", {
      basic: ["app", "appsecret"],
      body: new URLSearchParams({ mfa_token: await startLogin(t, "u1"), challenge_type: "totp", code: otp(secret, t.now()) }),
    });
    expect(res).toMatchObject({ status: 200, body: { access_token: "token-for-u1", scope: "read write" } });
  });
});

describe("attempt limits", () => {
  it("answers 429 after the second-factor limit and consumes nothing, until the window passes", async () => {
    const t = securityKit({ security: { secondFactorAttempts: { limit: 3, windowSeconds: 600 } } });
    const secret = await enableTotp(t, "u1", "secret");
    const codes = (await t.call("GET", `${MFA}/backup_codes`, { token: "user:u1" })).body.codes as string[];
    t.advance(30);
    const tok = await startLogin(t, "u1");
    for (let i = 0; i < 3; i++) expect(await answer(t, tok, "recovery", `bad${i}`)).toMatchObject({ status: 400 });
    expect(await answer(t, tok, "recovery", codes[0]!)).toMatchObject({ status: 429, body: { error: "Throttled" } });
    expect(await answer(t, tok, "totp", otp(secret, t.now()))).toMatchObject({ status: 429 });
    expect((await t.store.mfa.get("u1"))!.backupCodeHashes).toHaveLength(5);
    t.advance(601);
    const fresh = await startLogin(t, "u1");
    expect((await answer(t, fresh, "recovery", codes[0]!)).status).toBe(200);
  });

  it("limits failed TOTP confirmations too", async () => {
    const t = securityKit({ security: { secondFactorAttempts: { limit: 2, windowSeconds: 600 } } });
    const key = (await t.call("GET", `${MFA}/setup/totp`, { token: "user:u1" })).body.key;
    const confirm = (code: string) => t.call("POST", `${MFA}/confirm/totp`, { token: "user:u1", body: { password: "secret", code } });
    const wrong = otp(key, new Date(t.now().getTime() + 120_000));
    expect((await confirm(wrong)).status).toBe(422);
    expect((await confirm(wrong)).status).toBe(422);
    expect(await confirm(otp(key, t.now()))).toMatchObject({ status: 429, body: { error: "Throttled" } });
    expect((await t.store.mfa.get("u1"))!.confirmedSecret).toBeNull();
  });

  it("answers 429 after the password limit without checking the password or changing anything", async () => {
    const t = securityKit({ security: { passwordAttempts: { limit: 3, windowSeconds: 600 } } });
    for (let i = 0; i < 3; i++) {
      expect(await t.call("POST", "/api/pleroma/delete_account", { token: "user:u1", body: { password: `guess${i}` } })).toMatchObject({
        status: 200,
        body: { error: "Invalid password." },
      });
    }
    const checks = t.passwordChecks.length;
    expect(await t.call("POST", "/api/pleroma/delete_account", { token: "user:u1", body: { password: "secret" } })).toMatchObject({
      status: 429,
      body: { error: "Throttled" },
    });
    expect(t.passwordChecks.length).toBe(checks);
    expect(t.users.get("u1")!.active).toBe(true);
    // Another account is not affected.
    expect((await t.call("POST", "/api/pleroma/disable_account?password=hunter2", { token: "user:u2" })).body).toEqual({ status: "success" });
  });

  it("resets the count after a correct password", async () => {
    const t = securityKit({ security: { passwordAttempts: { limit: 2, windowSeconds: 600 } } });
    const form = (password: string) => ({ token: "user:u1", body: { password } });
    await t.call("POST", `${MFA}/confirm/totp`, { ...form("x"), body: { password: "x", code: "1" } });
    await t.call("DELETE", `${MFA}/totp`, form("secret"));
    await t.call("DELETE", `${MFA}/totp`, form("x"));
    expect((await t.call("DELETE", `${MFA}/totp`, form("x"))).status).toBe(422);
    expect((await t.call("DELETE", `${MFA}/totp`, form("secret"))).status).toBe(429);
  });
});

describe("HTTP Basic", () => {
  it("is refused with Akkoma's 403 for users with MFA enabled", async () => {
    const t = securityKit();
    expect((await t.call("GET", MFA, { basic: ["alice", "secret"] })).status).toBe(200);
    await enableTotp(t, "u1", "secret");
    expect(await t.call("GET", MFA, { basic: ["alice", "secret"] })).toMatchObject({
      status: 403,
      body: { error: "Two-factor authentication enabled, you must use a access token." },
    });
    expect(await t.call("GET", MFA, { basic: ["alice@example.com", "secret"] })).toMatchObject({ status: 403 });
    expect((await t.call("GET", MFA, { basic: ["bob", "hunter2"] })).status).toBe(200);
  });

  it("counts failed Basic logins per account, by nickname or email, and answers 429 past the limit", async () => {
    const t = securityKit({ security: { passwordAttempts: { limit: 3, windowSeconds: 600 } } });
    expect((await t.call("GET", MFA, { basic: ["alice", "a"] })).status).toBe(403);
    expect((await t.call("GET", MFA, { basic: ["alice@example.com", "b"] })).status).toBe(403);
    expect((await t.call("GET", MFA, { basic: ["ALICE", "c"] })).status).toBe(403);
    expect(await t.call("GET", MFA, { basic: ["alice", "secret"] })).toMatchObject({ status: 429, body: { error: "Throttled" } });
    // The password endpoints share the account's counter.
    expect((await t.call("POST", "/api/pleroma/disable_account?password=secret", { token: "user:u1" })).status).toBe(429);
    expect(t.users.get("u1")!.active).toBe(true);
  });
});
