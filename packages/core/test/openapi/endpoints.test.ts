/**
 * Route names and docs/endpoints.md: every endpoint has one unique `domain.action` name, lives in
 * the route file its name points at, lists the service methods its handler really calls, carries
 * its name into the OpenAPI document and the log, and the committed endpoint list is current.
 */
import { readdirSync, readFileSync } from "node:fs";
import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { defineRoute, mastodonConversationRoutes, type RouteDefinition } from "../../src/index.js";
import { generateOpenApi, libraryRoutes } from "../../src/internal.js";
import { testKit } from "../support/kit.js";
import { endpointsPath, renderEndpoints, routeFileOf } from "../../../../scripts/endpoints.js";

const routesDir = new URL("../../src/http/routes/", import.meta.url);
const allRoutes: readonly RouteDefinition[] = [...libraryRoutes, ...mastodonConversationRoutes];
const NAME = /^[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*$/;

/** Every route each route file exports (arrays of routes), by file name. */
async function routesByFile(): Promise<Map<string, RouteDefinition[]>> {
  const out = new Map<string, RouteDefinition[]>();
  for (const file of readdirSync(routesDir).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
    const module = (await import(new URL(file, routesDir).href)) as Record<string, unknown>;
    const routes = Object.values(module)
      .filter(Array.isArray)
      .flat()
      .filter((r): r is RouteDefinition => typeof r === "object" && r !== null && "handler" in r && "paths" in r);
    if (routes.length > 0) out.set(file, routes);
  }
  return out;
}

/**
 * The `service.method` calls a handler makes, found by running it against services that record
 * each call and answer with a stand-in that absorbs whatever the handler chains on it.
 */
async function recordedCalls(route: RouteDefinition): Promise<string[]> {
  const seen: string[] = [];
  const absorb: any = new Proxy(function () {}, { get: (_t, key) => (key === "then" ? undefined : absorb), apply: () => absorb });
  const services = new Proxy({}, {
    get: (_t, service) => new Proxy({}, { get: (_s, method) => () => (seen.push(`${String(service)}.${String(method)}`), absorb) }),
  });
  const input = new Proxy({}, { get: (_t, key) => (key === "then" ? undefined : "1") });
  const { kit } = testKit();
  try {
    await route.handler({
      input,
      viewer: { id: "1", nickname: "alice", isAdmin: true, isModerator: true, principal: {} as never },
      services: services as never,
      config: kit.config,
      request: new Request("http://internal/"),
      clientAddress: null,
      signal: new AbortController().signal,
    });
  } catch {
    // Handlers that need more than the stand-ins give up after the call that matters.
  }
  return seen;
}

describe("route names", () => {
  it("are domain.action and unique across the table (Mastodon conversation routes included)", () => {
    const names = allRoutes.map((r) => r.name);
    expect(names.filter((n) => !NAME.test(n))).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  it("name the file the route lives in, and every route file's routes are in the table", async () => {
    const byFile = await routesByFile();
    const misplaced: string[] = [];
    let count = 0;
    for (const [file, routes] of byFile) {
      for (const route of routes) {
        count++;
        if (routeFileOf(route.name) !== file) misplaced.push(`${route.name} in ${file}`);
        if (!allRoutes.includes(route)) misplaced.push(`${route.name} not in the table`);
      }
    }
    expect(misplaced).toEqual([]);
    expect(count).toBe(allRoutes.length);
    expect([...byFile.keys()]).toEqual(expect.arrayContaining(["mfa.ts", "subscriptions.ts", "notifications.ts"]));
  });

  it("list the service methods each handler calls", async () => {
    const problems: string[] = [];
    for (const route of allRoutes) {
      const listed = route.calls ?? [];
      if (listed.length === 0) problems.push(`${route.name}: no calls listed`);
      const seen = await recordedCalls(route);
      if (seen.length === 0) problems.push(`${route.name}: the handler called no service`);
      for (const call of seen) if (!listed.includes(call as never)) problems.push(`${route.name}: calls ${call} but does not list it`);
    }
    expect(problems).toEqual([]);
  });

  it("the call check notices an unlisted call", async () => {
    const route = defineRoute({
      name: "test.unlisted",
      method: "GET",
      paths: ["/x"],
      auth: "none",
      summary: "x",
      calls: ["health.check"],
      handler: ({ services }) => services.customEmoji.pleromaMap(),
    });
    expect(await recordedCalls(route)).toEqual(["customEmoji.pleromaMap"]);
  });

  it("are the OpenAPI operationIds: the name for the first path, <name>.alt... for the others", () => {
    const doc = generateOpenApi(libraryRoutes);
    const id = (method: string, path: string) => (doc.paths[path]?.[method] as { operationId: string }).operationId;
    expect(id("post", "/api/v1/pleroma/accounts/mfa/confirm/{method}")).toBe("mfa.confirm");
    expect(id("post", "/api/pleroma/accounts/mfa/confirm/{method}")).toBe("mfa.confirm.alt");
    expect(id("get", "/api/pleroma/emoji.json")).toBe("instance.emoji.alt2");
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => (op as { operationId: string }).operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("are in the log line of a request that fails unexpectedly", async () => {
    const boom = defineRoute({
      name: "test.boom",
      method: "GET",
      paths: ["/api/v1/pleroma/test/boom"],
      auth: "none",
      summary: "throws",
      handler: () => {
        throw new Error("boom");
      },
    });
    const { call, logged } = testKit({ extraRoutes: () => [boom] });
    expect((await call("GET", "/api/v1/pleroma/test/boom")).status).toBe(500);
    expect(logged[0]?.fields).toMatchObject({ name: "test.boom", method: "GET", route: "/api/v1/pleroma/test/boom" });
  });

  it("stand in for okAsync handlers too (sanity of the recorder)", async () => {
    const route = defineRoute({ name: "test.none", method: "GET", paths: ["/y"], auth: "none", summary: "y", handler: () => okAsync(null) });
    expect(await recordedCalls(route)).toEqual([]);
  });
});

describe("docs/endpoints.md", () => {
  it("is what the route table generates (run `npm run endpoints` after changing a route)", () => {
    expect(readFileSync(endpointsPath, "utf8")).toBe(renderEndpoints());
  });

  it("has one row per route, with its file, service method and ports", () => {
    const text = renderEndpoints();
    const rows = text.split("\n").filter((l) => l.startsWith("| `"));
    expect(rows).toHaveLength(allRoutes.length);
    const confirm = rows.find((r) => r.startsWith("| `mfa.confirm` |"))!;
    expect(confirm).toContain("`/api/v1/pleroma/accounts/mfa/confirm/:method`<br>`/api/pleroma/accounts/mfa/confirm/:method`");
    expect(confirm).toContain("`routes/mfa.ts`");
    expect(confirm).toContain("`services.mfa.confirm`");
    expect(confirm).toContain("`store.mfa`");
  });
});
