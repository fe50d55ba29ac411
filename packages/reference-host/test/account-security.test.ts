import { createPleromaKit, inProcessJobs, memoryMailer, silentLogger } from "@pleroma-kit/core";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { createMemoryHostData } from "../src/storage/memory/index.js";
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { accountSecurityGuards } from "@pleroma-kit/core/internal";
import { createAccountSecurity, createReferenceHost, mastodonRoutes, mfaBeforeTokenIssue } from "../src/index.js";
import { kitCaller } from "./kit-support.js";
import { FAST_PASSWORDS, testClock } from "./support.js";

/** The reference host with its account-security port and the MFA token hook, as the demo wires it. */
function securedKit(options: { activationRequired?: boolean } = {}) {
  const clock = testClock(Date.UTC(2026, 2, 1, 12, 0, 10));
  const data = createMemoryHostData();
  const host = createReferenceHost(data, { baseUrl: "https://local.example", clock, passwordParams: FAST_PASSWORDS });
  const accountSecurity = createAccountSecurity(data, {
    baseUrl: "https://local.example",
    clock,
    activationRequired: options.activationRequired,
    issueToken: (userId, appId, scopes) => host.tokens.issueRow(userId, appId, scopes),
  });
  const ports = { ...host.ports, accountSecurity };
  const mailer = memoryMailer();
  const jobs = inProcessJobs();
  const kit = createPleromaKit({
    baseUrl: "https://local.example",
    store: createMemoryStore(),
    host: ports,
    clock,
    mailer,
    jobs,
    logger: silentLogger,
    extraRoutes: (services) =>
      mastodonRoutes(host, services, { beforeTokenIssue: mfaBeforeTokenIssue(services), guards: accountSecurityGuards(services, ports) }),
  });
  const call = kitCaller(kit);
  const otp = (secret: string) =>
    new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: clock.now().getTime() });
  return { kit, host, data, clock, call, otp, mailer, jobs };
}

async function register(t: ReturnType<typeof securedKit>, nickname: string) {
  const app = (await t.call("POST", "/api/v1/apps", { body: { client_name: "test", scopes: "read write follow" } })).body;
  const appToken = (await t.call("POST", "/oauth/token", { form: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret } })).body;
  const reg = await t.call("POST", "/api/v1/accounts", {
    token: appToken.access_token,
    body: { username: nickname, email: `${nickname}@mail.example`, password: `${nickname}-pw`, agreement: true },
  });
  expect(reg.status).toBe(200);
  return { token: reg.body.access_token as string, app };
}

describe("reference host account security", () => {
  it("runs the full MFA flow: enable TOTP, password grant answers mfa_required, challenge, backup code once, disable", async () => {
    const t = securedKit();
    const { token, app } = await register(t, "alice");
    const password = (extra: Record<string, string> = {}) => ({
      grant_type: "password",
      client_id: app.client_id,
      client_secret: app.client_secret,
      username: "alice",
      password: "alice-pw",
      ...extra,
    });

    const setup = await t.call("GET", "/api/pleroma/accounts/mfa/setup/totp", { token });
    expect((await t.call("POST", "/api/pleroma/accounts/mfa/confirm/totp", { token, body: { password: "alice-pw", code: t.otp(setup.body.key) } })).status).toBe(200);
    const codes = (await t.call("GET", "/api/pleroma/accounts/mfa/backup_codes", { token })).body.codes as string[];

    const grant = await t.call("POST", "/oauth/token", { form: password({ scope: "read" }) });
    expect(grant).toMatchObject({ status: 403, body: { error: "mfa_required", supported_challenge_types: "totp" } });
    expect(grant.body.access_token).toBeUndefined();

    t.clock.advance(30_000);
    const challenge = (mfaToken: string, type: string, code: string) =>
      t.call("POST", "/oauth/mfa/challenge", {
        form: { mfa_token: mfaToken, challenge_type: type, code, client_id: app.client_id, client_secret: app.client_secret },
      });
    const issued = await challenge(grant.body.mfa_token, "totp", t.otp(setup.body.key));
    expect(issued).toMatchObject({ status: 200, body: { token_type: "Bearer", scope: "read", me: "https://local.example/users/alice" } });
    expect((await t.call("GET", "/api/v1/accounts/verify_credentials", { token: issued.body.access_token })).body.username).toBe("alice");
    expect((await challenge(grant.body.mfa_token, "totp", t.otp(setup.body.key))).status).toBe(400);

    const again = (await t.call("POST", "/oauth/token", { form: password() })).body.mfa_token;
    expect((await challenge(again, "recovery", codes[0]!)).status).toBe(200);
    const third = (await t.call("POST", "/oauth/token", { form: password() })).body.mfa_token;
    expect(await challenge(third, "recovery", codes[0]!)).toMatchObject({ status: 400, body: { error: "Invalid code" } });

    expect((await t.call("DELETE", "/api/pleroma/accounts/mfa/totp", { token, body: { password: "alice-pw" } })).status).toBe(200);
    const plain = await t.call("POST", "/oauth/token", { form: password() });
    expect(plain.status).toBe(200);
    expect(typeof plain.body.access_token).toBe("string");
  });

  it("checks passwords against the stored hash and deletes all-or-nothing", async () => {
    const t = securedKit();
    const { token } = await register(t, "bob");
    expect((await t.call("POST", "/api/pleroma/delete_account", { token, body: { password: "nope" } })).body).toEqual({ error: "Invalid password." });
    const user = await t.data.users.byNickname("bob");
    expect(user!.isActive).toBe(true);
    expect((await t.call("POST", "/api/pleroma/delete_account", { token, body: { password: "bob-pw" } })).body).toEqual({ status: "success" });
    expect(await t.data.users.byNickname("bob")).toMatchObject({ isActive: false, email: null, passwordHash: "" });
    expect((await t.call("GET", "/api/v1/accounts/verify_credentials", { token })).status).toBe(403);
  });

  it("changes email with uniqueness from the data, and moves followers that allow it", async () => {
    const t = securedKit();
    const alice = await register(t, "alice");
    const bob = await register(t, "bob");
    const carol = await register(t, "carol");
    expect((await t.call("POST", "/api/pleroma/change_email", { token: alice.token, body: { email: "bob@mail.example", password: "alice-pw" } })).body).toEqual({
      error: "Email has already been taken.",
    });
    expect((await t.call("POST", "/api/pleroma/change_email", { token: alice.token, body: { email: "new@mail.example", password: "alice-pw" } })).body).toEqual({
      status: "success",
    });
    expect((await t.data.users.byNickname("alice"))!.email).toBe("new@mail.example");

    const ids = Object.fromEntries(
      await Promise.all(["alice", "bob", "carol"].map(async (n) => [n, (await t.data.users.byNickname(n))!.id] as const)),
    );
    await t.data.relations.add("follow", ids.carol!, ids.alice!);
    expect((await t.call("PUT", "/api/pleroma/aliases", { token: bob.token, body: { alias: "alice" } })).body).toEqual({ status: "success" });
    expect((await t.call("GET", "/api/pleroma/aliases", { token: bob.token })).body).toEqual({ aliases: ["alice@local.example"] });
    expect((await t.call("POST", "/api/pleroma/move_account", { token: alice.token, body: { password: "alice-pw", target_account: "bob" } })).body).toEqual({
      status: "success",
    });
    await t.jobs.drain();
    expect(await t.data.relations.among("follow", ids.carol!, [ids.alice!, ids.bob!])).toEqual(new Set([ids.bob]));
    const notes = await t.call("GET", "/api/v1/notifications", { token: carol.token });
    expect(notes.body.map((n: { type: string }) => n.type)).toContain("move");
  });

  it("mails the confirmation again for unconfirmed accounts when activation is required", async () => {
    const t = securedKit({ activationRequired: true });
    await register(t, "dave");
    await t.data.users.update((await t.data.users.byNickname("dave"))!.id, { isConfirmed: false });
    expect((await t.call("POST", "/api/v1/pleroma/accounts/confirmation_resend?nickname=dave")).status).toBe(204);
    expect(t.mailer.sent.map((m) => m.to)).toEqual(["dave@mail.example"]);
  });
});
