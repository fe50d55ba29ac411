/**
 * The MFA flow against the demo server over real HTTP, as a client sees it: register, enable
 * TOTP, password grant answers mfa_required, pass the challenge, a backup code works once, Basic
 * auth is refused while MFA is on, disable MFA. TOTP codes come from otpauth (an independent
 * implementation) with the same controllable clock the server uses.
 */
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, frameworks, startServer, stores, unique } from "./support.js";

for (const framework of frameworks) describe(`MFA flow against the demo server: ${framework} on SQLite`, () => {
  let now = Date.UTC(2026, 5, 1, 12, 0, 5);
  const clock = { now: () => new Date(now) };
  let ctx: Awaited<ReturnType<typeof startServer>>;
  let call: ReturnType<typeof client>;

  beforeAll(async () => {
    ctx = await startServer(framework, stores[1]!, {}, { clock });
    call = client(ctx.server);
  });
  afterAll(async () => ctx?.stop());

  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    return f;
  };

  it("enables TOTP, challenges the password grant, accepts a backup code once, disables", async () => {
    const nickname = unique("mfa");
    const password = "correct horse battery staple";
    const app = (await call("POST", "/api/v1/apps", { json: { client_name: "mfa-test", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write follow" } })).body;
    const appToken = (await call("POST", "/oauth/token", { json: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret } })).body.access_token;
    const registered = await call("POST", "/api/v1/accounts", { token: appToken, json: { username: nickname, email: `${nickname}@example.com`, password, agreement: true } });
    expect(registered.status).toBe(200);
    const token = registered.body.access_token as string;
    const grant = () => call("POST", "/oauth/token", { json: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: nickname, password, scope: "read write follow" } });

    expect((await call("GET", "/api/pleroma/accounts/mfa", { token })).body).toEqual({ settings: { enabled: false, totp: false } });
    const setup = await call("GET", "/api/pleroma/accounts/mfa/setup/totp", { token });
    expect(setup.status).toBe(200);
    expect(setup.body.provisioning_uri).toMatch(/^otpauth:\/\/totp\//);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.body.key), digits: 6, period: 30, algorithm: "SHA1" });
    const code = () => totp.generate({ timestamp: now });

    const confirmed = await call("POST", "/api/pleroma/accounts/mfa/confirm/totp", { token, json: { password, code: code() } });
    expect(confirmed).toMatchObject({ status: 200, body: {} });
    const codes = (await call("GET", "/api/pleroma/accounts/mfa/backup_codes", { token })).body.codes as string[];
    expect(codes.length).toBeGreaterThan(0);

    // Login now needs the second factor.
    now += 30_000;
    const challenged = await grant();
    expect(challenged).toMatchObject({ status: 403, body: { error: "mfa_required", mfa_token: expect.any(String) } });
    const passed = await call("POST", "/oauth/mfa/challenge", {
      json: { mfa_token: challenged.body.mfa_token, challenge_type: "totp", code: code(), client_id: app.client_id, client_secret: app.client_secret },
    });
    expect(passed.status).toBe(200);
    const me = await call("GET", "/api/v1/accounts/verify_credentials", { token: passed.body.access_token });
    expect(me.body.username).toBe(nickname);

    // The same TOTP step is refused (replay), a backup code works exactly once.
    const replay = await grant();
    expect((await call("POST", "/oauth/mfa/challenge", { json: { mfa_token: replay.body.mfa_token, challenge_type: "totp", code: code(), client_id: app.client_id, client_secret: app.client_secret } })).status).toBe(400);
    const recovery = await grant();
    expect((await call("POST", "/oauth/mfa/challenge", { json: { mfa_token: recovery.body.mfa_token, challenge_type: "recovery", code: codes[0], client_id: app.client_id, client_secret: app.client_secret } })).status).toBe(200);
    const again = await grant();
    expect(await call("POST", "/oauth/mfa/challenge", { json: { mfa_token: again.body.mfa_token, challenge_type: "recovery", code: codes[0], client_id: app.client_id, client_secret: app.client_secret } })).toMatchObject({
      status: 400,
      body: { error: "Invalid code" },
    });

    // HTTP Basic is refused on user routes while MFA is on.
    const basic = await fetch(`${ctx.server.url}/api/pleroma/accounts/mfa`, { headers: { authorization: `Basic ${Buffer.from(`${nickname}:${password}`).toString("base64")}` } });
    expect(basic.status).toBe(403);
    expect(await basic.json()).toEqual({ error: "Two-factor authentication enabled, you must use a access token." });

    // Disable (pleroma-fe sends multipart on this DELETE); a wrong password changes nothing.
    expect((await call("DELETE", "/api/pleroma/accounts/mfa/totp", { token, form: form({ password: "wrong" }) })).status).toBe(422);
    expect((await grant()).status).toBe(403);
    expect((await call("DELETE", "/api/pleroma/accounts/mfa/totp", { token, form: form({ password }) })).status).toBe(200);
    const plain = await grant();
    expect(plain.status).toBe(200);
    expect(plain.body.access_token).toEqual(expect.any(String));
  }, 60_000);
});
