import { describe, expect, it } from "vitest";
import { errAsync, okAsync } from "neverthrow";
import { z } from "zod";
import { defineRoute, Reply, schema } from "../src/index.js";
import { testKit } from "./support/kit.js";
import { createMemoryStore } from "@pleroma-kit/store-memory";

const echo = defineRoute({
  name: "test.echo",
  method: "POST",
  paths: ["/api/v1/pleroma/test/echo"],
  auth: "user",
  scopes: ["write:accounts"],
  input: z.object({ name: schema.text(), count: schema.intLike().optional(), flag: schema.booleanLike().optional() }),
  summary: "echo",
  handler: ({ input, viewer }) => okAsync({ input, viewer: viewer?.id }),
});
const boom = defineRoute({
  name: "test.boom",
  method: "GET",
  paths: ["/api/v1/pleroma/test/boom"],
  auth: "none",
  summary: "throws",
  handler: () => {
    throw new Error("secret internal detail at /srv/app.js:12");
  },
});
const soft = defineRoute({
  name: "test.soft",
  method: "GET",
  paths: ["/api/v1/pleroma/test/soft"],
  auth: "optional",
  scopes: ["read:statuses"],
  softScopes: true,
  summary: "soft",
  handler: ({ viewer }) => okAsync({ viewer: viewer?.id ?? null }),
});
const staff = defineRoute({
  name: "test.staff",
  method: "GET",
  paths: ["/api/v1/pleroma/test/staff"],
  auth: "staff",
  scopes: ["admin:read"],
  summary: "staff",
  handler: () => okAsync(new Reply({ ok: true }, 201)),
});
const failing = defineRoute({
  name: "test.util",
  method: "GET",
  paths: ["/api/v1/pleroma/test/util"],
  auth: "none",
  summary: "util family answers 200 with an error",
  errorStatus: () => 200,
  handler: () => errAsync({ code: "NOT_FOUND" as const, message: "Invalid password.", status: 403 }),
});
const extraRoutes = () => [echo, boom, soft, staff, failing];

describe("fetch pipeline", () => {
  it("returns null for requests that are not ours, so bindings fall through", async () => {
    const { kit } = testKit();
    expect(await kit.fetch(new Request("http://x/somewhere/else"))).toBeNull();
    expect(await kit.fetch(new Request("http://x/api/v1/pleroma/emoji", { method: "DELETE" }))).toBeNull();
  });

  it("serves the emoji map under both prefixes and pleroma-fe's emoji.json", async () => {
    const { call } = testKit();
    for (const path of ["/api/v1/pleroma/emoji", "/api/pleroma/emoji", "/api/pleroma/emoji.json"]) {
      const res = await call("GET", path);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ blobcat: { image_url: "/emoji/blobs/blobcat.png", tags: ["pack:blobs"] } });
    }
  });

  it("refuses user routes without credentials, with app-only tokens and with unknown tokens", async () => {
    const { call } = testKit({ extraRoutes });
    for (const token of [undefined, "app-token", "nope"]) {
      const res = await call("POST", "/api/v1/pleroma/test/echo", { token, body: { name: "x" } });
      expect(res).toMatchObject({ status: 403, body: { error: "Invalid credentials." } });
    }
  });

  it("accepts bearer, the access_token parameter, the session cookie and HTTP Basic", async () => {
    const { call } = testKit({ extraRoutes });
    const body = { name: "x" };
    expect((await call("POST", "/api/v1/pleroma/test/echo", { token: "u1-token", body })).body.viewer).toBe("u1");
    expect((await call("POST", "/api/v1/pleroma/test/echo?access_token=u2-token", { body })).body.viewer).toBe("u2");
    expect((await call("POST", "/api/v1/pleroma/test/echo", { body: { ...body, access_token: "u3-token" } })).body.viewer).toBe("u3");
    expect((await call("POST", "/api/v1/pleroma/test/echo", { body, headers: { cookie: "x=1; _pleroma_key=u2-token", "sec-fetch-site": "same-origin" } })).body.viewer).toBe("u2");
    const basic = `Basic ${Buffer.from("alice:secret").toString("base64")}`;
    expect((await call("POST", "/api/v1/pleroma/test/echo", { body, headers: { authorization: basic } })).body.viewer).toBe("u1");
    const wrong = `Basic ${Buffer.from("alice:nope").toString("base64")}`;
    expect((await call("POST", "/api/v1/pleroma/test/echo", { body, headers: { authorization: wrong } })).status).toBe(403);
  });

  it("refuses cross-site state changes made with the session cookie (CSRF), not with bearer or Basic", async () => {
    const { call } = testKit({ extraRoutes });
    const body = { name: "x" };
    const cookie = "__Host-pleroma_key=u1-token";
    const crossSite: Array<Record<string, string>> = [
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://evil.example" },
      { origin: "null" },
      { referer: "https://evil.example/page" },
      { origin: "https://local.example.evil.example" },
      {},
    ];
    for (const headers of crossSite) {
      const res = await call("POST", "/api/v1/pleroma/test/echo", { body, headers: { ...headers, cookie } });
      expect(res, JSON.stringify(headers)).toMatchObject({ status: 403, body: { error: "Cross-site request refused." } });
    }
    const sameOrigin: Array<Record<string, string>> = [
      { "sec-fetch-site": "same-origin" },
      { "sec-fetch-site": "none" },
      { origin: "https://local.example" },
      { referer: "https://local.example/settings" },
    ];
    for (const headers of sameOrigin) {
      const res = await call("POST", "/api/v1/pleroma/test/echo", { body, headers: { ...headers, cookie } });
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
    const evil = { "sec-fetch-site": "cross-site", origin: "https://evil.example" };
    expect((await call("POST", "/api/v1/pleroma/test/echo", { body, token: "u1-token", headers: evil })).status).toBe(200);
    const basic = `Basic ${Buffer.from("alice:secret").toString("base64")}`;
    expect((await call("POST", "/api/v1/pleroma/test/echo", { body, headers: { ...evil, authorization: basic } })).status).toBe(200);
    // A safe GET with the cookie stays usable from links.
    expect((await call("GET", "/api/v1/pleroma/test/soft", { headers: { ...evil, cookie } })).body).toEqual({ viewer: "u1" });
  });

  it("refuses a cross-site GET that regenerates backup codes with the session cookie", async () => {
    const { call } = testKit();
    const evil = { "sec-fetch-site": "cross-site", cookie: "__Host-pleroma_key=u1-token" };
    const res = await call("GET", "/api/pleroma/accounts/mfa/backup_codes", { headers: evil });
    expect(res).toMatchObject({ status: 403, body: { error: "Cross-site request refused." } });
    const same = { "sec-fetch-site": "same-origin", cookie: "__Host-pleroma_key=u1-token" };
    expect((await call("GET", "/api/pleroma/accounts/mfa/backup_codes", { headers: same })).status).not.toBe(403);
  });

  it("does not consult the cookie when an invalid bearer was sent (Akkoma)", async () => {
    const { call } = testKit({ extraRoutes });
    const res = await call("POST", "/api/v1/pleroma/test/echo", {
      body: { name: "x" },
      headers: { authorization: "Bearer nope", cookie: "_pleroma_key=u1-token" },
    });
    expect(res.status).toBe(403);
  });

  it("checks scopes any-of with parent scopes, with Akkoma's text", async () => {
    const { call } = testKit({ extraRoutes });
    const res = await call("POST", "/api/v1/pleroma/test/echo", { token: "u1-read", body: { name: "x" } });
    expect(res).toMatchObject({ status: 403, body: { error: "Insufficient permissions: write:accounts." } });
  });

  it("serves soft-scope routes as anonymous when the scope is missing", async () => {
    const { call } = testKit({ extraRoutes });
    expect((await call("GET", "/api/v1/pleroma/test/soft", { token: "u1-read" })).body).toEqual({ viewer: null });
    expect((await call("GET", "/api/v1/pleroma/test/soft", { token: "u1-token" })).body).toEqual({ viewer: "u1" });
  });

  it("refuses anonymous callers of optional routes on private instances", async () => {
    const { call } = testKit({ extraRoutes, instance: { public: false } });
    expect(await call("GET", "/api/v1/pleroma/test/soft")).toMatchObject({
      status: 403,
      body: { error: "This resource requires authentication." },
    });
  });

  it("refuses non-staff on staff routes before checking scopes", async () => {
    const { call } = testKit({ extraRoutes });
    expect(await call("GET", "/api/v1/pleroma/test/staff", { token: "u1-token" })).toMatchObject({
      status: 403,
      body: { error: "User is not a staff member." },
    });
    expect((await call("GET", "/api/v1/pleroma/test/staff", { token: "admin-token" })).status).toBe(201);
  });

  it("validates input with Akkoma's messages and coerces form strings", async () => {
    const { call } = testKit({ extraRoutes });
    const missing = await call("POST", "/api/v1/pleroma/test/echo", { token: "u1-token", body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe("Missing field: name.");
    expect(missing.body.errors[0]).toMatchObject({ title: "Invalid value", source: { pointer: "/name" } });
    const wrongType = await call("POST", "/api/v1/pleroma/test/echo", { token: "u1-token", body: { name: 5 } });
    expect(wrongType.body.error).toBe("name - Invalid string. Got: integer.");
    const form = await call("POST", "/api/v1/pleroma/test/echo", {
      token: "u1-token",
      body: "name=x&count=42&flag=off",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.body.input).toEqual({ name: "x", count: 42, flag: false });
  });

  it("answers an unexpected throw with a generic 500 and logs it; no internal text leaks", async () => {
    const { call, logged } = testKit({ extraRoutes });
    const res = await call("GET", "/api/v1/pleroma/test/boom");
    expect(res).toMatchObject({ status: 500, body: { error: "Internal server error" } });
    expect(JSON.stringify(res.body)).not.toContain("secret");
    expect(logged[0]?.fields?.error).toMatchObject({ message: expect.stringContaining("secret internal detail") });
  });

  it("lets a route answer its business errors with another status (util family: 200)", async () => {
    const { call } = testKit({ extraRoutes });
    expect(await call("GET", "/api/v1/pleroma/test/util")).toMatchObject({ status: 200, body: { error: "Invalid password." } });
  });

  it("answers 413 for bodies over the upload limit", async () => {
    const { call } = testKit({ extraRoutes, instance: { uploadLimit: 100 } });
    const res = await call("POST", "/api/v1/pleroma/test/echo", { token: "u1-token", body: { name: "x".repeat(200) } });
    expect(res.status).toBe(413);
  });

  it("answers 400 for a malformed percent-encoding in a path parameter", async () => {
    const { call } = testKit();
    expect((await call("GET", "/api/v1/pleroma/statuses/1/reactions/%E0%A4%A")).status).toBe(400);
  });
});

describe("healthcheck and notifications/read", () => {
  it("reports healthy with the seed's fields, and 503 {} when disabled", async () => {
    const { call } = testKit();
    const res = await call("GET", "/api/v1/pleroma/healthcheck");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ healthy: true, pool_size: 0, active: 0, idle: 0, job_queue_stats: expect.any(Object) });
    expect(typeof res.body.memory_used).toBe("number");
    const off = testKit({ instance: { healthcheck: false } });
    expect(await off.call("GET", "/api/v1/pleroma/healthcheck")).toMatchObject({ status: 503, body: {} });
  });

  it("answers 503 when the store probe fails", async () => {
    const { call } = testKit({
      // Every other port from the memory store, so slices that add store ports keep this test compiling.
      store: { ...createMemoryStore(), health: { ping: async () => { throw new Error("db down"); } } },
    });
    const res = await call("GET", "/api/v1/pleroma/healthcheck");
    expect(res.status).toBe(503);
    expect(res.body.healthy).toBe(false);
  });

  it("marks one notification by id, or all up to max_id; a foreign id is 400", async () => {
    const { call, host } = testKit();
    host.addNotification("n1", "u1");
    host.addNotification("n2", "u1");
    host.addNotification("n3", "u1");
    host.addNotification("n4", "u2");
    expect(await call("POST", "/api/v1/pleroma/notifications/read", { token: "u1-token", body: { id: "n1" } })).toMatchObject({
      status: 200,
      body: { id: "n1", pleroma: { is_seen: true } },
    });
    const upTo = await call("POST", "/api/v1/pleroma/notifications/read", { token: "u1-token", body: { max_id: "n2" } });
    expect(upTo.body.map((n: { id: string }) => n.id)).toEqual(["n2"]);
    expect(await call("POST", "/api/v1/pleroma/notifications/read", { token: "u1-token", body: { id: "n4" } })).toMatchObject({
      status: 400,
      body: { error: "Cannot get notification" },
    });
    expect((await call("POST", "/api/v1/pleroma/notifications/read", { token: "u1-token", body: {} })).status).toBe(400);
    expect((await call("POST", "/api/v1/pleroma/notifications/read?id=n3", { token: "u1-token" })).status).toBe(400);
  });
});
