import { describe, expect, it } from "vitest";
import { okAsync } from "neverthrow";
import { Router } from "../src/http/router.js";
import type { RouteDefinition } from "../src/http/route.js";

const route = (method: RouteDefinition["method"], ...paths: string[]): RouteDefinition => ({
  name: `test.${method}${paths[0]}`,
  method,
  paths,
  auth: "none",
  summary: paths[0]!,
  handler: () => okAsync(null),
});

describe("Router", () => {
  const a = route("GET", "/api/v1/pleroma/statuses/:id/reactions");
  const b = route("GET", "/api/v1/pleroma/statuses/:id/reactions/:emoji");
  const c = route("GET", "/api/v1/pleroma/emoji/packs/import");
  const d = route("GET", "/api/v1/pleroma/emoji/packs/:other");
  const router = new Router([a, b, c, d]);

  it("matches static and parameter segments and decodes parameters", () => {
    expect(router.match("GET", "/api/v1/pleroma/statuses/9/reactions")).toEqual({ route: a, params: { id: "9" } });
    expect(router.match("GET", `/api/v1/pleroma/statuses/9/reactions/${encodeURIComponent("👍🏽")}`)).toEqual({
      route: b,
      params: { id: "9", emoji: "👍🏽" },
    });
  });

  it("prefers a static segment over a parameter", () => {
    expect((router.match("GET", "/api/v1/pleroma/emoji/packs/import") as { route: unknown }).route).toBe(c);
    expect((router.match("GET", "/api/v1/pleroma/emoji/packs/x") as { route: unknown }).route).toBe(d);
  });

  it("returns null for other methods, unknown paths and empty parameter segments", () => {
    expect(router.match("POST", "/api/v1/pleroma/statuses/9/reactions")).toBeNull();
    expect(router.match("GET", "/api/v1/pleroma/nope")).toBeNull();
    expect(router.match("GET", "/api/v1/pleroma/statuses//reactions")).toBeNull();
  });

  it("tolerates a trailing slash and reports broken percent-encoding", () => {
    expect((router.match("GET", "/api/v1/pleroma/statuses/9/reactions/") as { route: unknown }).route).toBe(a);
    expect(router.match("GET", "/api/v1/pleroma/statuses/9/reactions/%E0%A4%A")).toBe("bad-encoding");
  });

  it("refuses duplicate routes at construction", () => {
    expect(() => new Router([a, a])).toThrow(/duplicate route/);
  });
});
