/**
 * Builds an OpenAPI 3.1 document from the route table, so the published description of the API
 * is the code itself: paths and methods from `paths`, security from the auth class and scopes,
 * parameters and bodies from the zod `input` (zod 4's JSON Schema output), success bodies from
 * `response`, and error answers from the pipeline's rules plus the route's `errors`.
 */
import { z } from "zod";
import { appError, ERROR_CODES, type ErrorCode } from "../errors/index.js";
import { entityRegistry, entitySchemas } from "../http/entity-schemas.js";
import type { AuthClass, InputSource, RouteDefinition } from "../http/route.js";

type JsonSchema = Record<string, unknown>;
/** An OpenAPI document as plain JSON data. */
export type OpenApiDocument = Record<string, unknown> & { readonly openapi: string; readonly paths: Record<string, Record<string, unknown>> };

/** Options of {@link generateOpenApi}. */
export interface OpenApiOptions {
  readonly title?: string;
  /** The document's `info.version`: the version of the package that serves these routes. */
  readonly version?: string;
  readonly description?: string;
  /** `servers` entries; by default a relative `/`, since the base URL is each instance's. */
  readonly servers?: readonly { readonly url: string; readonly description?: string }[];
}

const DEFAULT_SOURCES: readonly InputSource[] = ["path", "query", "body"];
const BODY_TYPES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"] as const;
const COMPONENT = "#/components/schemas/";

/** The security schemes the pipeline accepts (accounts.md 1: token, session cookie, HTTP Basic). */
const SECURITY_SCHEMES = {
  oauth2: {
    type: "oauth2",
    description:
      "An OAuth access token as `Authorization: Bearer <token>` (or the `access_token` query or body parameter). " +
      "A route lists one requirement per accepted scope: any one of them is enough, and a parent scope covers its children (`write` covers `write:statuses`).",
    flows: {
      authorizationCode: { authorizationUrl: "/oauth/authorize", tokenUrl: "/oauth/token", scopes: {} as Record<string, string> },
      password: { tokenUrl: "/oauth/token", scopes: {} as Record<string, string> },
    },
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "_pleroma_key",
    description: "The web session cookie (`__Host-pleroma_key` and `pleroma_key` are read too). Grants every scope.",
  },
  basicAuth: {
    type: "http",
    scheme: "basic",
    description: "Nickname or email and password. Refused for users with two-factor authentication. Grants every scope.",
  },
};

const AUTH_TEXT: Record<AuthClass, string> = {
  none: "No authentication: credentials are not read.",
  optional: "Authentication optional: anonymous callers are served on public instances and refused (403) on private ones.",
  public: "Authentication optional: anonymous callers are served, even on private instances.",
  user: "A user credential is required.",
  staff: "A staff (admin or moderator) credential is required.",
  admin: "An admin credential is required.",
};

/**
 * The OpenAPI 3.1 document of `routes`.
 *
 * @example
 * const doc = generateOpenApi(kit.routes, { version: "0.1.0" });
 * await writeFile("openapi.json", JSON.stringify(doc, null, 2));
 */
export function generateOpenApi(routes: readonly RouteDefinition[], options: OpenApiOptions = {}): OpenApiDocument {
  const responses = responseSchemas(routes);
  const paths: Record<string, Record<string, unknown>> = {};
  const scopes = new Set<string>();
  for (const route of routes) {
    for (const scope of route.scopes ?? []) scopes.add(scope);
    for (const [index, path] of route.paths.entries()) {
      const openApiPath = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
      const item = (paths[openApiPath] ??= {});
      const method = route.method.toLowerCase();
      if (item[method] !== undefined) throw new Error(`Two routes answer ${route.method} ${path}`);
      item[method] = operation(route, path, index, responses.get(route));
    }
  }
  const scopeTable = Object.fromEntries([...scopes].sort().map((s) => [s, `The \`${s}\` scope.`]));
  const schemes = structuredClone(SECURITY_SCHEMES);
  schemes.oauth2.flows.authorizationCode.scopes = scopeTable;
  schemes.oauth2.flows.password.scopes = scopeTable;
  return {
    openapi: "3.1.0",
    info: {
      title: options.title ?? "Pleroma API (pleroma-kit)",
      version: options.version ?? "0.0.0",
      description:
        options.description ??
        "The Pleroma API as served by pleroma-kit. Every `/api/v1/pleroma/...` path is also served under `/api/pleroma/...`. " +
          "Parameters may be sent in the query string or as a form; files as multipart/form-data. Errors are `{\"error\": \"...\"}`.",
      license: { name: "AGPL-3.0-only", identifier: "AGPL-3.0-only" },
    },
    servers: (options.servers ?? [{ url: "/", description: "The instance's base URL" }]).map((s) => ({ ...s })),
    paths,
    components: { schemas: responses.components, securitySchemes: schemes },
  };
}

/** One operation object; `index` is the path's place in `route.paths`. */
function operation(route: RouteDefinition, path: string, index: number, response: JsonSchema | undefined): JsonSchema {
  const sources = route.from ?? DEFAULT_SOURCES;
  const pathNames = [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
  const input = route.input ? inputSchema(route.input) : { properties: {}, required: [] as string[] };
  const hasBody = sources.includes("body") && route.method !== "GET";
  const fromQuery = sources.includes("query");

  const parameters: JsonSchema[] = pathNames.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: input.properties[name] ?? { type: "string" },
  }));
  const fieldNames = Object.keys(input.properties).filter((n) => !pathNames.includes(n));
  if (fromQuery) {
    for (const name of fieldNames) {
      const schema = input.properties[name]!;
      parameters.push({
        name,
        in: "query",
        // A field also accepted in the body is optional in the query.
        required: !hasBody && input.required.includes(name),
        schema,
        ...(schema.type === "array" ? { style: "form", explode: true } : {}),
      });
    }
  }

  const op: JsonSchema = {
    operationId: operationId(route.name, index),
    tags: [tagOf(path)],
    summary: route.summary,
    description: describe(route),
    "x-pleroma-auth": route.auth,
    security: security(route),
  };
  if (parameters.length > 0) op.parameters = parameters;
  if (hasBody && fieldNames.length > 0) {
    const required = fromQuery ? [] : input.required.filter((n) => fieldNames.includes(n));
    const schema: JsonSchema = {
      type: "object",
      properties: Object.fromEntries(fieldNames.map((n) => [n, input.properties[n]!])),
      ...(required.length > 0 ? { required } : {}),
    };
    // A field that can only be a file rules out JSON and urlencoded bodies.
    const onlyMultipart = fieldNames.some((n) => input.properties[n]!.format === "binary");
    const types = onlyMultipart ? ["multipart/form-data"] : BODY_TYPES;
    op.requestBody = { required: required.length > 0, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
  }
  op.responses = withErrors(successResponse(route, response), errorResponses(route, hasBody));
  return op;
}

/** The route's input as JSON Schema properties; what the pipeline accepts, not what it returns. */
function inputSchema(schema: z.ZodType): { properties: Record<string, JsonSchema>; required: string[] } {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  return { properties, required: (json.required ?? []) as string[] };
}

/**
 * Every response schema converted in one pass with the named entities, so an entity used by a
 * route becomes a `$ref` into `components.schemas` and nested entities refer to each other.
 */
function responseSchemas(routes: readonly RouteDefinition[]): { components: Record<string, JsonSchema>; get(route: RouteDefinition): JsonSchema | undefined } {
  const registry = z.registry<{ id: string; description?: string }>();
  const entityIds = new Map<z.ZodType, string>();
  for (const schema of entityRegistryEntries()) {
    registry.add(schema.schema, { id: schema.id, description: schema.description });
    entityIds.set(schema.schema, schema.id);
  }
  const inlineIds = new Map<z.ZodType, string>();
  for (const route of routes) {
    const r = route.response;
    if (r instanceof z.ZodType && !entityIds.has(r) && !inlineIds.has(r)) {
      const id = `__inline${inlineIds.size}`;
      inlineIds.set(r, id);
      registry.add(r, { id });
    }
  }
  const converted = z.toJSONSchema(registry, { uri: (id) => `${COMPONENT}${id}`, unrepresentable: "any" }).schemas as Record<string, JsonSchema>;
  const clean = (s: JsonSchema): JsonSchema => {
    const { $schema: _schema, $id: _id, ...rest } = s;
    return rest;
  };
  const components: Record<string, JsonSchema> = {};
  for (const id of entityIds.values()) components[id] = clean(converted[id]!);
  return {
    components,
    get(route) {
      const r = route.response;
      if (r === undefined) return undefined;
      if (!(r instanceof z.ZodType)) return { ...r };
      const entity = entityIds.get(r);
      if (entity !== undefined) return { $ref: `${COMPONENT}${entity}` };
      return clean(converted[inlineIds.get(r)!]!);
    },
  };
}

function entityRegistryEntries(): { schema: z.ZodType; id: string; description: string }[] {
  return entitySchemas.map((schema) => {
    const meta = entityRegistry.get(schema);
    if (!meta) throw new Error("An entity schema is missing from the entity registry");
    return { schema, ...meta };
  });
}

function successResponse(route: RouteDefinition, schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (route.responseType !== undefined) {
    return { "200": { description: "The file.", content: { [route.responseType]: { schema: { type: "string", format: "binary" } } } } };
  }
  return {
    "200": {
      description: route.response === undefined ? "Success (shape not documented)." : "Success.",
      content: { "application/json": { schema: schema ?? {} } },
    },
  };
}

/** The error codes a route can answer with: the pipeline's, by auth class and input, then its own. */
function errorCodes(route: RouteDefinition, hasBody: boolean): ErrorCode[] {
  const codes: ErrorCode[] = [];
  const needsUser = route.auth === "user" || route.auth === "staff" || route.auth === "admin";
  if (needsUser) codes.push("INVALID_CREDENTIALS", "MFA_BASIC_AUTH_REFUSED");
  if (route.auth !== "none" && (route.method !== "GET" || route.sideEffects)) codes.push("CROSS_SITE_REFUSED");
  if (route.auth === "optional" || (route.softScopes && needsUser)) codes.push("AUTH_REQUIRED");
  if (route.auth === "staff" || route.auth === "admin") codes.push("NOT_STAFF");
  if (needsUser && (route.scopes?.length ?? 0) > 0 && !route.softScopes) codes.push("INSUFFICIENT_SCOPES");
  if (route.input) codes.push("VALIDATION_FAILED");
  if (hasBody) codes.push("MALFORMED_BODY", "UNSUPPORTED_CONTENT_TYPE", "BODY_ALREADY_CONSUMED", "PAYLOAD_TOO_LARGE");
  for (const code of route.errors ?? []) if (!codes.includes(code)) codes.push(code);
  codes.push("INTERNAL");
  return codes;
}

function errorResponses(route: RouteDefinition, hasBody: boolean): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(route, hasBody)) {
    const status = route.errorStatus?.(appError(code)) ?? ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, JsonSchema> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: codes.map((c) => `${c}: "${ERROR_CODES[c].message}"`).join("; "),
      "x-error-codes": codes,
      content: { "application/json": { schema: { $ref: `${COMPONENT}Error` } } },
    };
  }
  return out;
}

/**
 * Adds the error responses to the success one. Errors answered with a 2xx status (Akkoma's util
 * endpoints answer a wrong password with 200 and `{"error"}`) join the success response as a
 * `oneOf` instead of replacing it.
 */
function withErrors(success: Record<string, JsonSchema>, errors: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const out = { ...success };
  for (const [status, error] of Object.entries(errors)) {
    const ok = out[status] as { description: string; content?: Record<string, { schema: JsonSchema }> } | undefined;
    const json = ok?.content?.["application/json"];
    if (!ok || !json) {
      out[status] = error;
      continue;
    }
    out[status] = {
      ...ok,
      description: `${ok.description} Or an error: ${String(error.description)}`,
      "x-error-codes": error["x-error-codes"],
      content: { ...ok.content, "application/json": { schema: { oneOf: [json.schema, { $ref: `${COMPONENT}Error` }] } } },
    };
  }
  return out;
}

function security(route: RouteDefinition): JsonSchema[] {
  if (route.auth === "none") return [];
  const scopes = route.scopes ?? [];
  const requirements: JsonSchema[] = scopes.length > 0 ? scopes.map((s) => ({ oauth2: [s] })) : [{ oauth2: [] }];
  requirements.push({ sessionCookie: [] }, { basicAuth: [] });
  // `{}`: anonymous is accepted too.
  if (route.auth === "optional" || route.auth === "public") requirements.push({});
  return requirements;
}

function describe(route: RouteDefinition): string {
  const lines = [AUTH_TEXT[route.auth]];
  const scopes = route.scopes ?? [];
  if (scopes.length > 0) {
    lines.push(`OAuth scopes (any of): ${scopes.map((s) => `\`${s}\``).join(", ")}.`);
    if (route.softScopes) lines.push("A token without these scopes is served as anonymous instead of refused.");
  }
  return lines.join(" ");
}

/**
 * The route's name for its first path; its other paths (the `/api/pleroma` twin, Mastodon's
 * spelling) are `<name>.alt`, `<name>.alt2`, ..., since OpenAPI wants one id per operation.
 */
function operationId(name: string, index: number): string {
  return index === 0 ? name : `${name}.alt${index === 1 ? "" : index}`;
}

/** The first path segment after the API prefix: `statuses`, `emoji`, `backups`... */
function tagOf(path: string): string {
  const rest = path.replace(/^\/api\/(v1\/)?(pleroma\/)?/, "").replace(/^\//, "");
  const first = rest.split("/")[0] ?? "";
  return first.replace(/\.json$/, "") || "pleroma";
}
