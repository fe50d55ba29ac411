/**
 * Issue 13 items 2 and 3: a host adopts ports one method at a time, the kit says which endpoints
 * it serves and why not the others, and every library route can be switched off or replaced.
 */
import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { createPleromaKit, defineRoute, silentLogger, type HostPorts } from "../src/index.js";
import { fakeHost } from "./support/fake-host.js";
import { testKit } from "./support/kit.js";

const minimalAccountSecurity = { checkPassword: async (_id: string, password: string) => password === "secret" };

function kitWith(host: HostPorts, extra: Record<string, unknown> = {}) {
  const infos: string[] = [];
  const errors: string[] = [];
  const kit = createPleromaKit({
    baseUrl: "https://local.example",
    store: createMemoryStore(),
    host,
    logger: { ...silentLogger, info: (message) => void infos.push(message), error: (message) => void errors.push(message) },
    ...extra,
  });
  const call = async (method: string, path: string, headers: Record<string, string> = {}) => {
    const res = await kit.fetch(new Request(`http://internal${path}`, { method, headers }));
    return res === null ? null : { status: res.status, body: await res.json().catch(() => null) };
  };
  return { kit, infos, errors, call };
}

describe("ports adopted one method at a time", () => {
  it("serves MFA confirm with only checkPassword and answers 404 Not implemented for the rest", async () => {
    const host = fakeHost();
    const { kit, infos, call } = kitWith({ ...host.ports, accountSecurity: minimalAccountSecurity });
    const byName = new Map(kit.endpoints().map((e) => [e.name, e]));
    expect(byName.get("mfa.confirm")?.status).toBe("served");
    expect(byName.get("mfa.disable")?.status).toBe("served");
    const del = byName.get("accountSecurity.deleteAccount")!;
    expect(del.status).toBe("not-implemented");
    expect(del.missing).toEqual(["accountSecurity.deleteAccount"]);
    expect(del.reason).toContain("host.accountSecurity.deleteAccount");
    expect(byName.get("accountSecurity.moveAccount")?.missing).toEqual(["accountSecurity.resolveAccount", "accountSecurity.moveFollowers"]);
    expect(byName.get("favourites.list")?.status).toBe("not-implemented");

    // Never a 500: the answer is Akkoma's for an endpoint it does not implement.
    for (const path of ["/api/pleroma/delete_account", "/api/pleroma/disable_account", "/api/pleroma/move_account"]) {
      expect(await call("POST", path, { authorization: "Bearer u1-token" })).toEqual({ status: 404, body: { error: "Not implemented" } });
    }
    // The served one runs: a wrong password is the ordinary refusal, not "Not implemented".
    const confirm = await call("POST", "/api/pleroma/accounts/mfa/confirm/totp?password=nope&code=000000", { authorization: "Bearer u1-token" });
    expect(confirm?.status).not.toBe(404);
    expect(confirm?.body).toEqual({ error: "Invalid password." });

    // One start-up line names what is off and why.
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatch(/^pleroma-kit endpoints: \d+ served, 0 replaced, 0 disabled, \d+ not implemented/);
    expect(infos[0]).toContain("accountSecurity.deleteAccount: host lacks host.accountSecurity.deleteAccount");
  });

  it("serves every library endpoint when the host has every method", () => {
    const { kit } = testKit();
    const report = kit.endpoints();
    // The fake host has no optional ports: exactly the endpoints that need them are off.
    const off = report.filter((e) => e.status !== "served").map((e) => e.name);
    expect(off.every((name) => /^(accountSecurity|mfa|backups|favourites|subscriptions|imports|profileMedia)\./.test(name))).toBe(true);
    expect(report.find((e) => e.name === "reactions.add")?.status).toBe("served");
    expect(report.find((e) => e.name === "notifications.read")?.status).toBe("served");
  });

  it("switches the read endpoint off when the host cannot mark notifications read", async () => {
    const host = fakeHost();
    const { create } = host.ports.notifications;
    const { kit, call } = kitWith({ ...host.ports, notifications: { create } });
    expect(kit.endpoints().find((e) => e.name === "notifications.read")?.missing).toEqual([
      "notifications.markOneRead",
      "notifications.markReadUpTo",
    ]);
    expect(await call("POST", "/api/v1/pleroma/notifications/read?id=1", { authorization: "Bearer u1-token" })).toEqual({
      status: 404,
      body: { error: "Not implemented" },
    });
  });

  it("fails at createPleromaKit naming the port and method a plain JavaScript host left out", () => {
    const host = fakeHost();
    const { render: _render, ...accounts } = host.ports.accounts;
    expect(() => kitWith({ ...host.ports, accounts } as unknown as HostPorts)).toThrow(
      "createPleromaKit: the host port lacks required methods: host.accounts.render",
    );
    expect(() => kitWith({ ...host.ports, federation: {} } as unknown as HostPorts)).toThrow(/host\.federation\.publish/);
  });

  it("ignores HTTP Basic and cookies when the host has no such login", async () => {
    const host = fakeHost();
    const { authenticateToken } = host.ports.auth;
    const { call } = kitWith({ ...host.ports, auth: { authenticateToken } });
    const basic = `Basic ${Buffer.from("alice:secret").toString("base64")}`;
    expect((await call("GET", "/api/v1/pleroma/accounts/mfa", { authorization: basic }))?.status).toBe(403);
    expect((await call("GET", "/api/v1/pleroma/accounts/mfa", { authorization: "Bearer u1-token" }))?.status).not.toBe(403);
  });
});

describe("route switches", () => {
  it("leaves a switched-off route's paths to the host", async () => {
    const host = fakeHost();
    host.addStatus({ id: "s1", authorId: "u2" });
    const { kit, call } = kitWith(host.ports, { routes: { "reactions.add": false } });
    expect(await call("PUT", "/api/v1/pleroma/statuses/s1/reactions/%F0%9F%91%8D", { authorization: "Bearer u1-token" })).toBeNull();
    expect(kit.routes.some((r) => r.name === "reactions.add")).toBe(false);
    expect(kit.endpoints().find((e) => e.name === "reactions.add")).toMatchObject({ status: "disabled", source: "library" });
    // The other reaction routes still answer.
    expect((await call("GET", "/api/v1/pleroma/statuses/s1/reactions", { authorization: "Bearer u1-token" }))?.status).toBe(200);
  });

  it("serves a replacement through the same pipeline", async () => {
    const mine = defineRoute({
      name: "host.emoji",
      method: "GET",
      paths: ["/api/v1/pleroma/emoji", "/api/pleroma/emoji"],
      auth: "none",
      summary: "The host's own emoji map.",
      handler: () => okAsync({ mine: { image_url: "/emoji/mine.png", tags: [] } }),
    });
    const { kit, call, infos } = kitWith(fakeHost().ports, { routes: { "instance.emoji": mine } });
    expect(await call("GET", "/api/pleroma/emoji")).toEqual({ status: 200, body: { mine: { image_url: "/emoji/mine.png", tags: [] } } });
    // The library's other path of that route is no longer claimed.
    expect(await call("GET", "/api/pleroma/emoji.json")).toBeNull();
    expect(kit.endpoints().find((e) => e.name === "instance.emoji")).toMatchObject({ status: "replaced" });
    expect(infos[0]).toContain("1 replaced");
  });

  it("puts the cause of a 500 in the log message, not only in the fields", async () => {
    const broken = defineRoute({
      name: "host.broken",
      method: "GET",
      paths: ["/api/v1/pleroma/emoji"],
      auth: "none",
      summary: "Fails.",
      handler: () => {
        throw new Error("connection to the emoji table lost");
      },
    });
    const { call, errors } = kitWith(fakeHost().ports, { routes: { "instance.emoji": broken } });
    expect(await call("GET", "/api/v1/pleroma/emoji")).toEqual({ status: 500, body: { error: "Internal server error" } });
    expect(errors).toEqual(["unexpected error while handling a request (host.broken): Error: connection to the emoji table lost"]);
  });

  it("refuses unknown route names at construction", () => {
    expect(() => kitWith(fakeHost().ports, { routes: { "reactions.ad": false } })).toThrow(/unknown route names: reactions\.ad/);
  });
});
