import { createMemoryStore } from "@pleroma-kit/store-memory";
import { describe, expect, it } from "vitest";
import { nativeCaptcha } from "../src/internal.js";
import { securityKit } from "./support/security-host.js";

describe("delete_account", () => {
  it("needs write:accounts", async () => {
    const t = securityKit();
    expect(await t.call("POST", "/api/pleroma/delete_account", { token: "scoped:u1:read", body: { password: "secret" } })).toMatchObject({
      status: 403,
      body: { error: "Insufficient permissions: write:accounts." },
    });
    expect(t.users.get("u1")!.active).toBe(true);
  });

  it("answers 200 Invalid password for a wrong or missing password and changes nothing", async () => {
    const t = securityKit();
    for (const body of [{ password: "hi" }, {}]) {
      expect(await t.call("POST", "/api/pleroma/delete_account", { token: "user:u1", body })).toMatchObject({
        status: 200,
        body: { error: "Invalid password." },
      });
    }
    expect(t.users.get("u1")).toMatchObject({ active: true, email: "alice@example.com" });
  });

  it("deletes with the password from the body or the query and forgets the library's state", async () => {
    const t = securityKit();
    await t.call("GET", "/api/pleroma/accounts/mfa/backup_codes", { token: "user:u1" });
    await t.call("PUT", "/api/pleroma/aliases", { token: "user:u1", body: { alias: "bob" } });
    expect(await t.call("POST", "/api/pleroma/delete_account", { token: "user:u1", body: { password: "secret" } })).toMatchObject({
      status: 200,
      body: { status: "success" },
    });
    expect(t.users.get("u1")).toMatchObject({ active: false, email: null });
    expect(await t.store.mfa.get("u1")).toBeNull();
    expect(await t.store.accountSettings.aliases("u1")).toEqual([]);
    // Tokens stop working.
    expect((await t.call("GET", "/api/pleroma/aliases", { token: "user:u1" })).status).toBe(403);
    expect((await t.call("POST", "/api/pleroma/delete_account?password=hunter2", { token: "user:u2" })).body).toEqual({ status: "success" });
  });
});

describe("disable_account", () => {
  it("takes the password from the query only", async () => {
    const t = securityKit();
    expect(await t.call("POST", "/api/pleroma/disable_account", { token: "user:u1", body: { password: "secret" } })).toMatchObject({
      status: 200,
      body: { error: "Invalid password." },
    });
    expect(await t.call("POST", "/api/pleroma/disable_account?password=test1", { token: "user:u1" })).toMatchObject({
      body: { error: "Invalid password." },
    });
    expect(t.users.get("u1")!.active).toBe(true);
    expect(await t.call("POST", "/api/pleroma/disable_account?password=secret", { token: "user:u1" })).toMatchObject({
      status: 200,
      body: { status: "success" },
    });
    expect(t.users.get("u1")!.active).toBe(false);
  });
});

describe("change_email", () => {
  const change = (t: ReturnType<typeof securityKit>, body: unknown) => t.call("POST", "/api/pleroma/change_email", { token: "user:u1", body });

  it("answers Akkoma's errors, each with nothing changed", async () => {
    const t = securityKit({ activationRequired: true });
    expect(await change(t, { password: "secret" })).toMatchObject({ status: 400, body: { error: "Missing field: email." } });
    expect(await change(t, { email: "a@b" })).toMatchObject({ status: 400, body: { error: "Missing field: password." } });
    expect(await change(t, { email: "new@example.com", password: "hi" })).toMatchObject({ status: 200, body: { error: "Invalid password." } });
    expect(await change(t, { email: "foobar", password: "secret" })).toMatchObject({ status: 200, body: { error: "Email has invalid format." } });
    expect(await change(t, { email: "-x@example.com-", password: "secret" })).toMatchObject({ body: { error: "Email has invalid format." } });
    expect(await change(t, { email: "bob@example.com", password: "secret" })).toMatchObject({ status: 200, body: { error: "Email has already been taken." } });
    expect(await change(t, { email: "", password: "secret" })).toMatchObject({ status: 200, body: { error: "Email can't be blank." } });
    expect(t.users.get("u1")!.email).toBe("alice@example.com");
    const scoped = await t.call("POST", "/api/pleroma/change_email", { token: "scoped:u1:read", body: { email: "a@b", password: "secret" } });
    expect(scoped).toMatchObject({ status: 403, body: { error: "Insufficient permissions: write:accounts." } });
    expect(t.users.get("u1")!.email).toBe("alice@example.com");
  });

  it("changes the email, accepting addresses without a TLD, and clears it when activation is not required", async () => {
    const t = securityKit();
    expect(await change(t, { email: "a@b", password: "secret" })).toMatchObject({ status: 200, body: { status: "success" } });
    expect(t.users.get("u1")!.email).toBe("a@b");
    expect((await change(t, { email: "", password: "secret" })).body).toEqual({ status: "success" });
    expect(t.users.get("u1")!.email).toBeNull();
  });

  it("accepts form bodies", async () => {
    const t = securityKit();
    const res = await t.call("POST", "/api/pleroma/change_email", {
      token: "user:u1",
      body: new URLSearchParams({ email: "form@example.com", password: "secret" }),
    });
    expect(res.body).toEqual({ status: "success" });
    expect(t.users.get("u1")!.email).toBe("form@example.com");
  });
});

describe("move_account", () => {
  const move = (t: ReturnType<typeof securityKit>, body: unknown, token = "user:u1") => t.call("POST", "/api/pleroma/move_account", { token, body });

  it("refuses a wrong password, an unknown target and a target that does not alias the origin", async () => {
    const t = securityKit();
    expect(await move(t, { password: "x", target_account: "bob" })).toMatchObject({ status: 200, body: { error: "Invalid password." } });
    expect(await move(t, { password: "secret", target_account: "not_found@mastodon.social" })).toMatchObject({
      status: 404,
      body: { error: "Target account not found." },
    });
    expect(await move(t, { password: "secret", target_account: "bob" })).toMatchObject({
      status: 200,
      body: { error: "Target account must have the origin in `alsoKnownAs`" },
    });
    expect(await move(t, { password: "secret" })).toMatchObject({ status: 400, body: { error: "Missing field: target_account." } });
    expect(t.published).toEqual([]);
    expect(t.moved).toEqual([]);
  });

  it("moves to a local target that lists the origin, federating a Move and re-pointing followers", async () => {
    const t = securityKit();
    expect((await t.call("PUT", "/api/pleroma/aliases", { token: "user:u2", body: { alias: "alice" } })).body).toEqual({ status: "success" });
    expect(await move(t, { password: "secret", target_account: "@bob" })).toMatchObject({ status: 200, body: { status: "success" } });
    expect(t.published).toHaveLength(1);
    expect(t.published[0]).toMatchObject({
      type: "Move",
      actorId: "u1",
      object: "https://local.example/users/alice",
      target: "https://local.example/users/bob",
      to: ["followers:u1"],
    });
    await t.jobs.drain();
    expect(t.moved).toEqual([["u1", "u2"]]);
  });

  it("moves to a remote target whose fresh alsoKnownAs lists the origin", async () => {
    const t = securityKit();
    const carol = t.remote.get("carol@remote.example")!;
    t.remote.set("carol@remote.example", { ...carol, alsoKnownAs: ["https://local.example/users/alice"] });
    expect((await move(t, { password: "secret", target_account: "carol@remote.example" })).body).toEqual({ status: "success" });
    await t.jobs.drain();
    expect(t.moved).toEqual([["u1", "r1"]]);
  });
});

describe("aliases", () => {
  it("adds, lists as nick@host, and removes aliases", async () => {
    const t = securityKit();
    const put = (alias: string) => t.call("PUT", "/api/pleroma/aliases", { token: "user:u1", body: { alias } });
    expect(await put("nobody@nowhere.example")).toMatchObject({ status: 404, body: { error: "Target account does not exist." } });
    expect((await put("bob")).body).toEqual({ status: "success" });
    expect((await put("bob")).body).toEqual({ status: "success" });
    expect((await put("carol@remote.example")).body).toEqual({ status: "success" });
    expect(await t.call("GET", "/api/pleroma/aliases", { token: "user:u1" })).toMatchObject({
      status: 200,
      body: { aliases: ["bob@local.example", "carol@remote.example"] },
    });
    const del = (body: unknown) => t.call("DELETE", "/api/pleroma/aliases", { token: "user:u1", body });
    expect(await del({ alias: "dave" })).toMatchObject({ status: 404, body: { error: "Account has no such alias." } });
    expect(await del({ alias: "ghost" })).toMatchObject({ status: 404, body: { error: "Account has no such alias." } });
    expect(await del({})).toMatchObject({ status: 400, body: { error: "Missing field: alias." } });
    expect((await del({ alias: "bob" })).body).toEqual({ status: "success" });
    expect((await t.call("GET", "/api/pleroma/aliases", { token: "user:u1" })).body).toEqual({ aliases: ["carol@remote.example"] });
  });

  it("needs read:accounts to list and write:accounts to change", async () => {
    const t = securityKit();
    expect((await t.call("GET", "/api/pleroma/aliases", { token: "scoped:u1:write" })).status).toBe(403);
    expect(await t.call("PUT", "/api/pleroma/aliases", { token: "scoped:u1:read", body: { alias: "bob" } })).toMatchObject({ status: 403 });
    expect(await t.store.accountSettings.aliases("u1")).toEqual([]);
  });
});

describe("notification_settings", () => {
  const settings = (t: ReturnType<typeof securityKit>) => t.store.accountSettings.notificationSettings("u1");

  it("sets fields from the query, JSON, multipart or urlencoded bodies", async () => {
    const form = new FormData();
    form.set("block_from_strangers", "true");
    for (const init of [
      { path: "?block_from_strangers=true" },
      { path: "", body: { block_from_strangers: true } },
      { path: "", body: form },
      { path: "", body: new URLSearchParams({ block_from_strangers: "true" }) },
    ]) {
      const t = securityKit();
      const res = await t.call("PUT", `/api/pleroma/notification_settings${init.path}`, { token: "user:u1", body: init.body });
      expect(res).toMatchObject({ status: 200, body: { status: "success" } });
      expect(await settings(t)).toEqual({ blockFromStrangers: true, hideNotificationContents: false });
    }
  });

  it("is a partial update; query values are BooleanLike and the body wins", async () => {
    const t = securityKit();
    await t.call("PUT", "/api/pleroma/notification_settings?hide_notification_contents=1", { token: "user:u1" });
    expect(await settings(t)).toEqual({ blockFromStrangers: false, hideNotificationContents: true });
    await t.call("PUT", "/api/pleroma/notification_settings?block_from_strangers=yes", { token: "user:u1" });
    expect(await settings(t)).toEqual({ blockFromStrangers: true, hideNotificationContents: true });
    await t.call("PUT", "/api/pleroma/notification_settings?block_from_strangers=true", { token: "user:u1", body: { block_from_strangers: false } });
    expect(await settings(t)).toEqual({ blockFromStrangers: false, hideNotificationContents: true });
    expect((await t.call("PUT", "/api/pleroma/notification_settings", { token: "user:u1" })).body).toEqual({ status: "success" });
    expect((await t.kit.services.accountSecurity.notificationSettings("u1"))._unsafeUnwrap()).toEqual({ blockFromStrangers: false, hideNotificationContents: true });
  });

  it("refuses a non-boolean body value with Akkoma's message", async () => {
    const t = securityKit();
    const res = await t.call("PUT", "/api/pleroma/notification_settings", { token: "user:u1", body: { block_from_strangers: "yes" } });
    expect(res).toMatchObject({ status: 400, body: { error: "block_from_strangers - Invalid boolean. Got: string." } });
    expect(await settings(t)).toEqual({ blockFromStrangers: false, hideNotificationContents: false });
  });
});

describe("confirmation_resend", () => {
  it("answers 204 and mails an unconfirmed account by email or nickname", async () => {
    const t = securityKit({ activationRequired: true });
    const res = await t.call("POST", "/api/v1/pleroma/accounts/confirmation_resend?email=dave@example.com");
    expect(res.status).toBe(204);
    expect(res.headers.get("content-type")).toContain("application/json");
    await t.call("POST", "/api/v1/pleroma/accounts/confirmation_resend?nickname=dave");
    expect(t.mailer.sent.map((m) => m.to)).toEqual(["dave@example.com", "dave@example.com"]);
  });

  it("answers 204 without mail for confirmed or unknown accounts, ignoring credentials", async () => {
    const t = securityKit({ activationRequired: true });
    expect((await t.call("POST", "/api/v1/pleroma/accounts/confirmation_resend?email=alice@example.com")).status).toBe(204);
    expect((await t.call("POST", "/api/v1/pleroma/accounts/confirmation_resend?nickname=ghost", { token: "bogus" })).status).toBe(204);
    expect((await t.call("POST", "/api/v1/pleroma/accounts/confirmation_resend")).status).toBe(204);
    expect(t.mailer.sent).toEqual([]);
  });

  it("limits each client address to 5 requests, counting every request", async () => {
    const t = securityKit({ activationRequired: true });
    const resend = (address: string) => t.call("POST", "/api/v1/pleroma/accounts/confirmation_resend?nickname=dave", { address });
    for (let i = 0; i < 5; i++) expect((await resend("198.51.100.7")).status).toBe(204);
    expect(await resend("198.51.100.7")).toMatchObject({ status: 429, body: { error: "Throttled" } });
    expect(t.mailer.sent).toHaveLength(5);
    expect((await resend("198.51.100.8")).status).toBe(204);
    t.advance(8641);
    expect((await resend("198.51.100.7")).status).toBe(204);
  });
});

describe("captcha", () => {
  const secret = "a test secret that is long enough for hkdf!";

  it("issues a native challenge: a 14-character token, an SVG image with no text, opaque answer data", async () => {
    const t = securityKit({ security: { captcha: { secret } } });
    const res = await t.call("GET", "/api/v1/pleroma/captcha", { token: "bogus" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: "native", seconds_valid: 300 });
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{14}$/);
    expect(res.body.url).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(res.body.url.split(",")[1], "base64").toString();
    expect(svg).toMatch(/^<svg /);
    expect(svg).not.toContain("<text");
    expect(typeof res.body.answer_data).toBe("string");
    expect((await t.call("GET", "/api/pleroma/captcha")).body.type).toBe("native");
  });

  it("answers {type: none} when disabled", async () => {
    const t = securityKit({ security: { captcha: { enabled: false } } });
    expect((await t.call("GET", "/api/v1/pleroma/captcha")).body).toEqual({ type: "none" });
    expect((await t.kit.services.captcha.validate({}))._unsafeUnwrap()).toBeUndefined();
  });

  it("validates with Akkoma's messages; wrong answers do not use the token, a right one works once", async () => {
    const store = createMemoryStore();
    const t = securityKit({ store });
    const provider = nativeCaptcha({ secret, clock: { now: () => t.now() }, answer: () => "424242" });
    const k = securityKit({ store, security: { captcha: { provider } }, start: t.now() });
    const c = (await k.call("GET", "/api/v1/pleroma/captcha")).body;
    const validate = async (params: Record<string, unknown>) => {
      const r = await k.kit.services.captcha.validate(params);
      return r.isOk() ? "ok" : JSON.parse(r.error.message).captcha[0];
    };
    const good = { captcha_token: c.token, captcha_solution: "424242", captcha_answer_data: c.answer_data };
    expect(await validate({ captcha_solution: "cofe", captcha_token: "cofe", captcha_answer_data: "cofe" })).toBe("Invalid answer data");
    expect(await validate({ ...good, captcha_solution: undefined })).toBe("Invalid CAPTCHA (Missing parameter: captcha_solution)");
    expect(await validate({ ...good, captcha_answer_data: 5 })).toBe("Invalid CAPTCHA (Missing parameter: captcha_answer_data)");
    expect(await validate({ ...good, captcha_token: "AAAAAAAAAAAAAA" })).toBe("Invalid answer data");
    expect(await validate({ ...good, captcha_solution: "000000" })).toBe("Invalid CAPTCHA");
    expect(await validate(good)).toBe("ok");
    expect(await validate(good)).toBe("CAPTCHA already used");
    expect(await validate({ ...good, captcha_solution: "000000" })).toBe("CAPTCHA already used");
    const r = await k.kit.services.captcha.validate({ captcha_solution: "x", captcha_token: "y", captcha_answer_data: "z" });
    expect(r._unsafeUnwrapErr()).toMatchObject({ status: 400, message: '{"captcha":["Invalid answer data"]}' });
  });

  it("expires after seconds_valid", async () => {
    const t = securityKit();
    const provider = nativeCaptcha({ secret, clock: { now: () => t.now() }, answer: () => "111111", secondsValid: 60 });
    const k = securityKit({ security: { captcha: { provider } }, start: t.now() });
    const c = (await k.call("GET", "/api/v1/pleroma/captcha")).body;
    t.advance(61);
    k.advance(61);
    const r = await k.kit.services.captcha.validate({ captcha_token: c.token, captcha_solution: "111111", captcha_answer_data: c.answer_data });
    expect(JSON.parse(r._unsafeUnwrapErr().message)).toEqual({ captcha: ["CAPTCHA expired"] });
  });

  it("refuses even the right answer after five tries on one token", async () => {
    const t = securityKit();
    const provider = nativeCaptcha({ secret, clock: { now: () => t.now() }, answer: () => "777777" });
    const k = securityKit({ security: { captcha: { provider } }, start: t.now() });
    const c = (await k.call("GET", "/api/v1/pleroma/captcha")).body;
    const params = (solution: string) => ({ captcha_token: c.token, captcha_solution: solution, captcha_answer_data: c.answer_data });
    for (let i = 0; i < 5; i++) expect((await k.kit.services.captcha.validate(params(`00000${i}`))).isErr()).toBe(true);
    expect(JSON.parse((await k.kit.services.captcha.validate(params("777777")))._unsafeUnwrapErr().message).captcha[0]).toBe("Invalid CAPTCHA");
  });

  it("works once across two kits sharing a store and a secret", async () => {
    const store = createMemoryStore();
    const a = securityKit({ store, security: { captcha: { secret } } });
    const clock = { now: () => a.now() };
    const b = securityKit({ store, security: { captcha: { provider: nativeCaptcha({ secret, clock, answer: () => "135790" }) } }, start: a.now() });
    const c = (await b.call("GET", "/api/v1/pleroma/captcha")).body;
    const params = { captcha_token: c.token, captcha_solution: "135790", captcha_answer_data: c.answer_data };
    const [first, second] = await Promise.all([a.kit.services.captcha.validate(params), b.kit.services.captcha.validate(params)]);
    expect([first.isOk(), second.isOk()].filter(Boolean)).toHaveLength(1);
  });
});
