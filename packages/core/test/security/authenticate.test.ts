/**
 * The auth classes and credential resolution of http/authenticate.ts, including the "admin" class
 * no library route uses yet (a test-only route through `extraRoutes`).
 */
import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { defineRoute, type Authenticator, type KitConfig, type Principal, type RouteDefinition } from "../../src/index.js";
import { authorise, hasAnyScope, noGuards, resolvePrincipal, type AuthGuards } from "../../src/http/authenticate.js";
import { testKit } from "../support/kit.js";
import { securityKit, enableTotp } from "../support/security-host.js";

const adminOnly = defineRoute({
  name: "test.adminOnly",
  method: "GET",
  paths: ["/api/v1/pleroma/test/admin-only"],
  auth: "admin",
  summary: "test-only admin route",
  handler: ({ viewer }) => okAsync({ viewer: viewer?.id ?? null }),
});

const user = (over: Partial<Principal["user"] & object> = {}, scopes: Principal["scopes"] = ["read"], via: Principal["via"] = "token"): Principal => ({
  user: { id: "u1", nickname: "alice", isAdmin: false, isModerator: false, ...over },
  scopes,
  via,
});
const route = (auth: RouteDefinition["auth"], more: Partial<RouteDefinition> = {}) =>
  ({ method: "GET", paths: ["/x"], auth, summary: "x", handler: () => okAsync({}), ...more }) as unknown as RouteDefinition;
const config = (isPublic: boolean) => ({ instance: { public: isPublic } }) as unknown as KitConfig;
const code = async (p: Promise<{ isErr(): boolean; isOk(): boolean } & ({ error: { code: string } } | { value: unknown })>) => {
  const r = (await p) as { isErr(): boolean; error?: { code: string }; value?: unknown };
  return r.isErr() ? r.error!.code : "ok";
};

describe('the "admin" auth class over HTTP', () => {
  it("answers 403 to a logged-in non-admin, 403 to anonymous, and 200 to an admin", async () => {
    const t = testKit({ extraRoutes: () => [adminOnly] });
    expect(await t.call("GET", "/api/v1/pleroma/test/admin-only")).toMatchObject({ status: 403, body: { error: "Invalid credentials." } });
    expect(await t.call("GET", "/api/v1/pleroma/test/admin-only", { token: "u1-token" })).toMatchObject({
      status: 403,
      body: { error: "User is not a staff member." },
    });
    expect(await t.call("GET", "/api/v1/pleroma/test/admin-only", { token: "app-token" })).toMatchObject({ status: 403 });
    expect(await t.call("GET", "/api/v1/pleroma/test/admin-only", { token: "admin-token" })).toMatchObject({ status: 200, body: { viewer: "u9" } });
  });
});

describe("authorise", () => {
  it("admin: needs a user who is an admin; a moderator is not enough", async () => {
    expect(await code(authorise(route("admin"), null, config(true), noGuards))).toBe("INVALID_CREDENTIALS");
    expect(await code(authorise(route("admin"), { user: null, scopes: ["read"], via: "token" }, config(true), noGuards))).toBe("INVALID_CREDENTIALS");
    expect(await code(authorise(route("admin"), user({ isModerator: true }), config(true), noGuards))).toBe("NOT_STAFF");
    expect(await code(authorise(route("admin"), user(), config(true), noGuards))).toBe("NOT_STAFF");
    expect(await code(authorise(route("admin"), user({ isAdmin: true }), config(true), noGuards))).toBe("ok");
  });

  it("staff: an admin or a moderator", async () => {
    expect(await code(authorise(route("staff"), null, config(true), noGuards))).toBe("INVALID_CREDENTIALS");
    expect(await code(authorise(route("staff"), user(), config(true), noGuards))).toBe("NOT_STAFF");
    expect(await code(authorise(route("staff"), user({ isModerator: true }), config(true), noGuards))).toBe("ok");
    expect(await code(authorise(route("staff"), user({ isAdmin: true }), config(true), noGuards))).toBe("ok");
  });

  it("user, optional and none, on public and private instances", async () => {
    expect(await code(authorise(route("user"), null, config(true), noGuards))).toBe("INVALID_CREDENTIALS");
    expect(await code(authorise(route("optional"), null, config(true), noGuards))).toBe("ok");
    expect(await code(authorise(route("optional"), null, config(false), noGuards))).toBe("AUTH_REQUIRED");
    expect(await code(authorise(route("none"), null, config(false), noGuards))).toBe("ok");
    const viewer = await authorise(route("user"), user({ isModerator: true }), config(true), noGuards);
    expect(viewer._unsafeUnwrap()).toMatchObject({ id: "u1", nickname: "alice", isAdmin: false, isModerator: true });
  });

  it("refuses HTTP Basic for users with MFA on routes that need a user, not on optional ones", async () => {
    const mfa: AuthGuards = { ...noGuards, isMfaEnabled: async (id) => id === "u1" };
    for (const auth of ["user", "staff", "admin"] as const) {
      expect(await code(authorise(route(auth), user({ isAdmin: true }, "all", "basic"), config(true), mfa))).toBe("MFA_BASIC_AUTH_REFUSED");
      expect(await code(authorise(route(auth), user({ isAdmin: true }, "all", "token"), config(true), mfa))).toBe("ok");
    }
    expect(await code(authorise(route("user"), user({ id: "u2" }, "all", "basic"), config(true), mfa))).toBe("ok");
    expect(await code(authorise(route("optional"), user({}, "all", "basic"), config(true), mfa))).toBe("ok");
  });

  it("applies scopes: any-of, parent scopes, 'all', and soft scopes that fall back to anonymous", async () => {
    const scoped = route("user", { scopes: ["write:statuses", "write:media"] } as Partial<RouteDefinition>);
    expect(await code(authorise(scoped, user({}, ["read"]), config(true), noGuards))).toBe("INSUFFICIENT_SCOPES");
    const denied = await authorise(scoped, user({}, ["read"]), config(true), noGuards);
    expect(denied._unsafeUnwrapErr().message).toBe("Insufficient permissions: write:statuses | write:media.");
    expect(await code(authorise(scoped, user({}, ["write:media"]), config(true), noGuards))).toBe("ok");
    expect(await code(authorise(scoped, user({}, ["write"]), config(true), noGuards))).toBe("ok");
    expect(await code(authorise(scoped, user({}, "all"), config(true), noGuards))).toBe("ok");
    const soft = route("optional", { scopes: ["read:statuses"], softScopes: true } as Partial<RouteDefinition>);
    expect((await authorise(soft, user({}, ["write"]), config(true), noGuards))._unsafeUnwrap()).toBeNull();
    expect(await code(authorise(soft, user({}, ["write"]), config(false), noGuards))).toBe("AUTH_REQUIRED");
    expect((await authorise(soft, user({}, ["read"]), config(false), noGuards))._unsafeUnwrap()).toMatchObject({ id: "u1" });
  });

  it("hasAnyScope: a parent covers children at a colon boundary only", () => {
    expect(hasAnyScope(["read"], ["read:statuses"])).toBe(true);
    expect(hasAnyScope(["read:statuses"], ["read"])).toBe(false);
    expect(hasAnyScope(["rea"], ["read:statuses"])).toBe(false);
    expect(hasAnyScope(["read:s"], ["read:statuses"])).toBe(false);
    expect(hasAnyScope(["write", "follow"], ["read", "follow"])).toBe(true);
    expect(hasAnyScope([], ["read"])).toBe(false);
  });
});

describe("resolvePrincipal", () => {
  const alice: Principal = user();
  const bob: Principal = user({ id: "u2", nickname: "bob" });
  const calls: string[] = [];
  const auth: Authenticator = {
    authenticateToken: async (t) => (calls.push(`token:${t}`), t === "good" ? alice : t === "bob" ? bob : null),
    authenticateSession: async (c) => (calls.push(`cookie:${c}`), c === "sess ion" ? bob : null),
    authenticateBasic: async (l, p) => (calls.push(`basic:${l}:${p}`), l === "alice" && p === "pw:with:colons" ? alice : null),
  };
  const recording = () => {
    const log: unknown[][] = [];
    const guards: AuthGuards = {
      isMfaEnabled: async () => false,
      beforePasswordCheck: async (login) => (log.push(["before", login]), login === "locked" ? ({ code: "THROTTLED" } as never) : null),
      afterPasswordCheck: async (...args) => void log.push(["after", ...args]),
    };
    return { log, guards };
  };
  const req = (headers: Record<string, string>) => ({ headers: new Headers(headers) });
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const resolve = async (headers: Record<string, string>, param?: unknown, guards: AuthGuards = noGuards) => {
    calls.length = 0;
    return (await resolvePrincipal(req(headers), param, auth, guards))._unsafeUnwrap();
  };

  it("prefers the access_token parameter, then Bearer, then the cookie, then Basic", async () => {
    expect(await resolve({ authorization: "Bearer bob" }, "good")).toBe(alice);
    expect(await resolve({ authorization: "Bearer bob" }, "")).toBe(bob);
    expect(await resolve({ authorization: "Bearer bob" }, "nope")).toBe(bob);
    expect(calls).toEqual(["token:nope", "token:bob"]);
    expect(await resolve({ cookie: "pleroma_key=sess%20ion" })).toEqual({ ...bob, via: "cookie" });
    expect(await resolve({ cookie: "other=1; __Host-pleroma_key=sess%20ion" })).toEqual({ ...bob, via: "cookie" });
    expect(await resolve({ cookie: "_pleroma_key=sess%20ion; pleroma_key=bad" })).toBeNull();
    expect(await resolve({ cookie: "pleroma_key=%E0%A4%A" })).toBeNull();
    expect(await resolve({ cookie: "pleroma_key=sess%20ion", authorization: "Bearer nope" })).toBeNull();
    expect(calls).toEqual(["token:nope"]); // a Bearer header, even a bad one, rules out the cookie
    expect(await resolve({ authorization: `Basic ${b64("alice:pw:with:colons")}` })).toMatchObject({ user: alice.user, scopes: "all", via: "basic" });
  });

  it("scans repeated Authorization credentials in order, case-insensitively", async () => {
    expect(await resolve({ authorization: "Bearer nope, bearer good" })).toBe(alice);
    expect(await resolve({ authorization: `Basic ${b64("alice:wrong")}, Bearer bob` })).toBe(bob);
    expect(calls).toEqual(["token:bob"]);
    expect(await resolve({ authorization: `basic ${b64("alice:pw:with:colons")}` })).toMatchObject({ via: "basic" });
    expect(await resolve({ authorization: `Basic ${b64(":pw")}` })).toBeNull();
    expect(await resolve({ authorization: `Basic ${b64("nocolon")}` })).toBeNull();
    expect(calls).toEqual([]);
  });

  it("reports a Basic login's outcome to the guards: success with the user id, failure with none", async () => {
    const ok = recording();
    await resolve({ authorization: `Basic ${b64("alice:pw:with:colons")}` }, undefined, ok.guards);
    expect(ok.log).toEqual([["before", "alice"], ["after", "alice", true, "u1"]]);
    const bad = recording();
    expect(await resolve({ authorization: `Basic ${b64("alice:wrong")}` }, undefined, bad.guards)).toBeNull();
    expect(bad.log).toEqual([["before", "alice"], ["after", "alice", false, null]]);
    const locked = recording();
    const r = await resolvePrincipal(req({ authorization: `Basic ${b64("locked:x")}` }), undefined, auth, locked.guards);
    expect(r._unsafeUnwrapErr()).toEqual({ code: "THROTTLED" });
    expect(locked.log).toEqual([["before", "locked"]]);
  });
});

describe("HTTP Basic and the password attempt limit", () => {
  it("a successful Basic login forgets earlier failures instead of counting as one", async () => {
    const t = securityKit({ security: { passwordAttempts: { limit: 3, windowSeconds: 600 } } });
    const get = (password: string) => t.call("GET", "/api/pleroma/accounts/mfa", { basic: ["alice", password] });
    for (let round = 0; round < 3; round++) {
      expect(await get("wrong")).toMatchObject({ status: 403 });
      expect(await get("wrong")).toMatchObject({ status: 403 });
      expect(await get("secret")).toMatchObject({ status: 200 });
    }
    expect(await get("wrong")).toMatchObject({ status: 403 });
    expect(await get("wrong")).toMatchObject({ status: 403 });
    expect(await get("wrong")).toMatchObject({ status: 403 });
    expect(await get("secret")).toMatchObject({ status: 429 });
  });

  it("a successful login by email resets the counter of the account", async () => {
    const t = securityKit({ security: { passwordAttempts: { limit: 2, windowSeconds: 600 } } });
    const get = (login: string, password: string) => t.call("GET", "/api/pleroma/accounts/mfa", { basic: [login, password] });
    expect(await get("alice", "wrong")).toMatchObject({ status: 403 });
    expect(await get("alice@example.com", "secret")).toMatchObject({ status: 200 });
    expect(await get("alice", "wrong")).toMatchObject({ status: 403 });
    expect(await get("alice", "wrong")).toMatchObject({ status: 403 });
    expect(await get("alice", "secret")).toMatchObject({ status: 429 });
  });

  it("refuses Basic for a user with TOTP on, while a token still works", async () => {
    const t = securityKit();
    await enableTotp(t, "u1", "secret");
    expect(await t.call("GET", "/api/pleroma/accounts/mfa", { basic: ["alice", "secret"] })).toMatchObject({ status: 403 });
    expect(await t.call("GET", "/api/pleroma/accounts/mfa", { token: "user:u1" })).toMatchObject({ status: 200 });
  });
});
