/**
 * Issue 13 items 4 and 5: authorization as host policy (a single-user server without admin:*
 * scopes still reaches pack admin with a bearer token while MFA is on), and the second factor as
 * a service the host's own login calls.
 */
import { describe, expect, it } from "vitest";
import type { AuthorizationPolicy } from "../src/http/authorization-policy.js";
import { enableTotp, otp, securityKit } from "./support/security-host.js";

/** The docs/embedding.md example: every account is its owner's admin; tokens carry no admin:* scopes. */
const singleUser: AuthorizationPolicy = {
  roles: (principal) => ({ isAdmin: principal.user !== null, isModerator: false }),
  allowScopes: ({ required, principal, byDefault }) => byDefault || (principal.user !== null && required.every((s) => s.startsWith("admin"))),
};

describe("authorization policy", () => {
  it("by default refuses pack admin to a non-admin and to a token without admin scopes", async () => {
    const t = securityKit();
    expect((await t.call("POST", "/api/v1/pleroma/emoji/pack?name=mine", { token: "user:u1" })).status).toBe(403);
  });

  it("lets the single-user owner administer packs with a bearer token while MFA is on", async () => {
    const t = securityKit({ kit: { authorization: singleUser } });
    await enableTotp(t, "u1", "secret");
    const created = await t.call("POST", "/api/v1/pleroma/emoji/pack?name=mine", { token: "user:u1" });
    expect(created).toMatchObject({ status: 200, body: "ok" });
    // Basic stays refused once MFA is on (Akkoma): the token is the way in.
    const basic = await t.call("POST", "/api/v1/pleroma/emoji/pack?name=other", { basic: ["alice", "secret"] });
    expect(basic.body).toEqual({ error: "Two-factor authentication enabled, you must use a access token." });
    // Non-admin scopes are still checked: a read-only token cannot write.
    const readOnly = await t.call("POST", "/api/v1/pleroma/emoji/pack?name=third", { token: "scoped:u1:read" });
    expect(readOnly.status).toBe(200); // admin:write is the host's call here: the owner may
    const mfaWrite = await t.call("GET", "/api/pleroma/accounts/mfa/backup_codes", { token: "scoped:u1:read" });
    expect(mfaWrite.status).toBe(403);
  });
});

describe("kit.secondFactor in the host's own login", () => {
  it("says whether MFA is on", async () => {
    const t = securityKit();
    expect(await t.kit.secondFactor.isEnabled("u1")).toBe(false);
    await enableTotp(t, "u1", "secret");
    expect(await t.kit.secondFactor.isEnabled("u1")).toBe(true);
    expect(await t.kit.secondFactor.start("u2")).toBeNull();
  });

  it("verifies a TOTP code once and refuses its replay", async () => {
    const t = securityKit();
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const code = otp(secret, t.now());
    expect(await t.kit.secondFactor.verify("u1", { type: "totp", code })).toBe("ok");
    expect(await t.kit.secondFactor.verify("u1", { type: "totp", code })).toBe("invalid");
    expect(await t.kit.secondFactor.verify("u2", { type: "totp", code })).toBe("invalid");
  });

  it("accepts a backup code once", async () => {
    const t = securityKit();
    await enableTotp(t, "u1", "secret");
    const codes = await t.call("GET", "/api/pleroma/accounts/mfa/backup_codes", { token: "user:u1" });
    const code = codes.body.codes[0] as string;
    expect(await t.kit.secondFactor.verify("u1", { type: "recovery", code })).toBe("ok");
    expect(await t.kit.secondFactor.verify("u1", { type: "recovery", code })).toBe("invalid");
  });

  it("stops checking after the attempt limit", async () => {
    const t = securityKit({ security: { secondFactorAttempts: { limit: 3, windowSeconds: 600 } } });
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    for (let i = 0; i < 3; i++) expect(await t.kit.secondFactor.verify("u1", { type: "totp", code: "000000" })).toBe("invalid");
    expect(await t.kit.secondFactor.verify("u1", { type: "totp", code: otp(secret, t.now()) })).toBe("throttled");
  });

  it("starts and finishes a challenge for the host's login form", async () => {
    const t = securityKit();
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const challenge = await t.kit.secondFactor.start("u1", { returnTo: "/oauth/authorize?client_id=x" });
    expect(challenge?.mfaToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await t.kit.secondFactor.finish(challenge!.mfaToken, { type: "totp", code: "000000" })).toEqual({ verdict: "invalid" });
    const done = await t.kit.secondFactor.finish(challenge!.mfaToken, { type: "totp", code: otp(secret, t.now()) });
    expect(done).toEqual({ verdict: "ok", userId: "u1", context: { returnTo: "/oauth/authorize?client_id=x" } });
    // A finished challenge is spent.
    t.advance(30);
    expect(await t.kit.secondFactor.finish(challenge!.mfaToken, { type: "totp", code: otp(secret, t.now()) })).toEqual({ verdict: "invalid" });
  });
});
