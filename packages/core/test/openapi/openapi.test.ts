import { readFileSync } from "node:fs";
import { validate, compileErrors } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRoute, pleromaPaths, type RouteDefinition } from "../../src/index.js";
import { generateOpenApi, libraryRoutes, type OpenApiDocument } from "../../src/internal.js";
import { okAsync } from "neverthrow";
import { testKit } from "../support/kit.js";
import { committedSeedEndpoints, findSeed, seedEndpoints, type Endpoint } from "./seed-endpoints.js";

const committedFile = new URL("../../../../docs/openapi.json", import.meta.url);
const coreVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
/** The document as `npm run openapi` (scripts/openapi.ts) builds it. */
const current = () => generateOpenApi(libraryRoutes, { version: coreVersion });

type Operation = {
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { required: boolean; content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }> };
  responses: Record<string, { "x-error-codes"?: string[]; content?: Record<string, { schema: unknown }> }>;
};
const op = (doc: OpenApiDocument, method: string, path: string) => doc.paths[path]?.[method.toLowerCase()] as Operation | undefined;

/** Whether the document serves `endpoint`: a `{param}` segment of the document matches any one segment. */
function serves(doc: OpenApiDocument, endpoint: Endpoint): boolean {
  const [method, path] = endpoint.split(" ") as [string, string];
  const want = path.split("/");
  return Object.entries(doc.paths).some(([template, item]) => {
    if (item[method.toLowerCase()] === undefined) return false;
    const have = template.split("/");
    return have.length === want.length && have.every((seg, i) => seg === want[i] || (/^\{.+\}$/.test(seg) && want[i] !== ""));
  });
}

/** Both prefixes of a seed path (the seed: `/api/v1/pleroma/*` is backwards compatible with `/api/pleroma/*`). */
function twins(endpoint: Endpoint): Endpoint[] {
  const [method, path] = endpoint.split(" ") as [string, string];
  const rest = /^\/api\/(?:v1\/)?pleroma(\/.*)$/.exec(path)?.[1];
  return rest === undefined ? [endpoint] : [`${method} /api/v1/pleroma${rest}`, `${method} /api/pleroma${rest}`];
}

describe("docs/openapi.json", () => {
  it("is what the route table generates (run `npm run openapi` after changing a route)", () => {
    const committed = JSON.parse(readFileSync(committedFile, "utf8")) as unknown;
    expect(committed).toEqual(current());
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(current()) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("fails validation when broken, so the check above can fail", async () => {
    const broken = structuredClone(current()) as Record<string, any>;
    broken.paths["/api/v1/pleroma/backups"].get.responses = "nope";
    expect((await validate(broken as never)).valid).toBe(false);
  });
});

describe("seed coverage", () => {
  const seedPath = findSeed();

  // The coverage test below runs on the committed list (seed-endpoints.json) either way; only this
  // comparison needs the seed itself, and its title says so when it is skipped.
  const compare = seedPath === null
    ? "the committed endpoint list is the seed's (skipped: pleroma_api.md not found; set PLEROMA_KIT_SEED to run it)"
    : "the committed endpoint list is the seed's";
  it.skipIf(seedPath === null)(compare, () => {
    expect(seedEndpoints(readFileSync(seedPath!, "utf8"))).toEqual(committedSeedEndpoints());
  });

  it("reads methods from headings, Method lines and `- METHOD` lines, and skips the admin entry", () => {
    const md = [
      "## `/api/pleroma/a`", "* Method `POST`",
      "## `GET /api/v1/pleroma/b?name=:name`",
      "## `/api/v1/pleroma/c/:id`", "### one", "* method: `GET`", "### two", "* Method: `PUT`",
      "## `/api/v1/pleroma/d_*`", "- PATCH `/api/v1/pleroma/d_x`",
      "## `/api/v1/pleroma/admin/`", "See elsewhere",
    ].join("\n");
    expect(seedEndpoints(md)).toEqual(["GET /api/v1/pleroma/b", "GET /api/v1/pleroma/c/{id}", "PATCH /api/v1/pleroma/d_x", "POST /api/pleroma/a", "PUT /api/v1/pleroma/c/{id}"]);
  });

  it("lists every method and path of the seed, under both prefixes", () => {
    const doc = current();
    const seed = committedSeedEndpoints();
    expect(seed.length).toBeGreaterThanOrEqual(50);
    expect(seed.filter((e) => !twins(e).every((t) => serves(doc, t)))).toEqual([]);
  });

  it("notices a seed endpoint the table lacks", () => {
    const doc = generateOpenApi(libraryRoutes.filter((r) => !r.paths.includes("/api/v1/pleroma/backups")));
    expect(serves(doc, "GET /api/v1/pleroma/backups")).toBe(false);
    expect(serves(doc, "GET /api/v1/pleroma/statuses/1/reactions")).toBe(true);
    expect(serves(current(), "GET /api/v1/pleroma/backups")).toBe(true);
  });
});

describe("generateOpenApi", () => {
  const doc = current();

  it("has every method and path of the table, with :params as {params}", () => {
    let operations = 0;
    for (const route of libraryRoutes) {
      for (const path of route.paths) {
        const operation = op(doc, route.method, path.replace(/:(\w+)/g, "{$1}"));
        expect(operation, `${route.method} ${path}`).toBeDefined();
        operations++;
      }
    }
    const listed = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(listed).toBe(operations);
    const put = op(doc, "PUT", "/api/pleroma/statuses/{id}/reactions/{emoji}")!;
    expect(put.parameters!.filter((p) => p.in === "path").map((p) => [p.name, p.required])).toEqual([["id", true], ["emoji", true]]);
  });

  it("marks auth: none without security, optional and public with anonymous allowed, scopes as any-of", () => {
    expect(op(doc, "GET", "/api/v1/pleroma/emoji")!.security).toEqual([]);
    const optional = op(doc, "GET", "/api/v1/pleroma/statuses/{id}/reactions")!.security;
    expect(optional).toContainEqual({});
    expect(optional).toContainEqual({ oauth2: ["read:statuses"] });
    expect(op(doc, "GET", "/api/v1/pleroma/emoji/packs")!.security).toContainEqual({});
    const subscribe = op(doc, "POST", "/api/v1/pleroma/accounts/{id}/subscribe")!.security;
    expect(subscribe).toEqual([{ oauth2: ["follow"] }, { oauth2: ["write:follows"] }, { sessionCookie: [] }, { basicAuth: [] }]);
    const schemes = (doc.components as any).securitySchemes;
    expect(Object.keys(schemes)).toEqual(["oauth2", "sessionCookie", "basicAuth"]);
    expect(schemes.oauth2.flows.password.scopes).toHaveProperty("write:follows");
  });

  it("reads query parameters and bodies from the zod input and `from`", () => {
    const packs = op(doc, "GET", "/api/v1/pleroma/emoji/packs")!;
    expect(packs.parameters!.map((p) => [p.name, p.in, p.schema.type])).toEqual([["page", "query", "integer"], ["page_size", "query", "integer"]]);
    expect(packs.requestBody).toBeUndefined();
    const scrobble = op(doc, "POST", "/api/v1/pleroma/scrobble")!;
    expect(scrobble.parameters).toBeUndefined(); // body only
    expect(Object.keys(scrobble.requestBody!.content)).toEqual(["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]);
    const body = scrobble.requestBody!.content["application/json"]!.schema;
    expect(body.required).toEqual(["title"]);
    expect(body.properties.visibility).toEqual({ type: "string", enum: ["public", "unlisted", "private", "direct"] });
    const mascot = op(doc, "PUT", "/api/v1/pleroma/mascot")!;
    expect(Object.keys(mascot.requestBody!.content)).toEqual(["multipart/form-data"]);
    expect(mascot.requestBody!.content["multipart/form-data"]!.schema.properties.file).toEqual({ type: "string", format: "binary" });
    const recipients = op(doc, "PATCH", "/api/v1/pleroma/conversations/{id}")!.parameters!.find((p) => p.name === "recipients")!;
    expect(recipients).toMatchObject({ in: "query", required: true, schema: { type: "array" }, explode: true });
  });

  it("documents responses by reference to named entities, and errors with the table's statuses", () => {
    const react = op(doc, "PUT", "/api/v1/pleroma/statuses/{id}/reactions/{emoji}")!;
    expect(react.responses["200"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/Status" });
    expect(react.responses["400"]!["x-error-codes"]).toContain("REACTION_ADD_FAILED");
    expect(react.responses["403"]!["x-error-codes"]).toEqual(["INVALID_CREDENTIALS", "MFA_BASIC_AUTH_REFUSED", "CROSS_SITE_REFUSED", "INSUFFICIENT_SCOPES"]);
    expect(react.responses["404"]!["x-error-codes"]).toEqual(["NOT_FOUND"]);
    const create = op(doc, "POST", "/api/v1/pleroma/emoji/pack")!;
    expect(create.responses["409"]!["x-error-codes"]).toEqual(["PACK_EXISTS"]);
    expect(create.responses["403"]!["x-error-codes"]).toContain("NOT_STAFF");
    const archive = op(doc, "GET", "/api/v1/pleroma/emoji/packs/archive")!;
    expect(Object.keys(archive.responses["200"]!.content!)).toEqual(["application/zip"]);
    const names = Object.keys((doc.components as any).schemas);
    for (const entity of ["Status", "Account", "ReactionEntry", "EmojiMap", "PackList", "Conversation", "Backup", "Notification", "Error"]) {
      expect(names).toContain(entity);
    }
  });

  it("folds errors answered with 200 (Akkoma's util endpoints) into the success response", () => {
    const deletion = op(doc, "POST", "/api/pleroma/delete_account")!;
    const ok = deletion.responses["200"]!;
    expect(ok["x-error-codes"]).toEqual(["INVALID_PASSWORD"]);
    expect(ok.content!["application/json"]!.schema).toMatchObject({ oneOf: [{ type: "object" }, { $ref: "#/components/schemas/Error" }] });
    expect(deletion.responses["429"]!["x-error-codes"]).toEqual(["THROTTLED"]);
  });

  it("uses a route's errorStatus and its own routes", () => {
    const route = defineRoute({
      name: "test.things",
      method: "POST",
      paths: pleromaPaths("/things/:id"),
      auth: "user",
      scopes: ["write"],
      from: ["path", "body"],
      input: z.object({ id: z.string(), note: z.string() }),
      summary: "A thing.",
      response: { type: "object", properties: { ok: { type: "boolean" } } },
      errors: ["NOT_FOUND"],
      errorStatus: (e) => (e.code === "NOT_FOUND" ? 422 : undefined),
      handler: () => okAsync({ ok: true }),
    });
    const own = generateOpenApi([route as RouteDefinition]);
    expect(Object.keys(own.paths)).toEqual(["/api/v1/pleroma/things/{id}", "/api/pleroma/things/{id}"]);
    const thing = op(own, "POST", "/api/pleroma/things/{id}")!;
    expect(thing.responses["422"]!["x-error-codes"]).toEqual(["NOT_FOUND"]);
    expect(thing.responses["404"]).toBeUndefined();
    expect(thing.requestBody!.content["application/json"]!.schema).toMatchObject({ properties: { note: { type: "string" } }, required: ["note"] });
    expect(thing.responses["200"]!.content!["application/json"]!.schema).toEqual({ type: "object", properties: { ok: { type: "boolean" } } });
    expect(() => generateOpenApi([route as RouteDefinition, route as RouteDefinition])).toThrow(/Two routes answer POST/);
  });
});

describe("documented response shapes match real answers", () => {
  const responseOf = (method: string, path: string) => {
    const route = libraryRoutes.find((r) => r.method === method && r.paths.includes(path));
    return route!.response as z.ZodType;
  };

  it("reactions: react answers a Status, the list answers ReactionEntry[]", async () => {
    const t = testKit();
    t.host.addStatus({ id: "s1", authorId: "u2" });
    const reacted = await t.call("PUT", "/api/v1/pleroma/statuses/s1/reactions/%F0%9F%91%8D", { token: "u1-token" });
    expect(reacted.status).toBe(200);
    expect(responseOf("PUT", "/api/v1/pleroma/statuses/:id/reactions/:emoji").safeParse(reacted.body).error).toBeUndefined();
    const listed = await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions", { token: "u1-token" });
    expect(listed.body).toHaveLength(1);
    const schema = responseOf("GET", "/api/v1/pleroma/statuses/:id/reactions");
    expect(schema.safeParse(listed.body).error).toBeUndefined();
    // The schema is strict enough to catch a wrong shape.
    expect(schema.safeParse([{ ...listed.body[0], accounts: undefined }]).success).toBe(false);
  });

  it("the emoji map and the pack list answer their documented shapes", async () => {
    const t = testKit();
    const map = await t.call("GET", "/api/v1/pleroma/emoji");
    expect(Object.keys(map.body)).toContain("blobcat");
    expect(responseOf("GET", "/api/v1/pleroma/emoji").safeParse(map.body).error).toBeUndefined();
    const packs = await t.call("GET", "/api/v1/pleroma/emoji/packs");
    expect(packs.status).toBe(200);
    expect(responseOf("GET", "/api/v1/pleroma/emoji/packs").safeParse(packs.body).error).toBeUndefined();
  });
});
