/**
 * The one request pipeline: match -> authenticate -> read input -> validate -> handle -> respond.
 * Returns null for requests that are not ours, so bindings can fall through to the host.
 */
import type { KitConfig } from "../config.js";
import { appError, type AppError } from "../errors/index.js";
import type { Logger } from "../ports/infrastructure.js";
import type { HostPorts } from "../ports/host.js";
import type { Services } from "../services/index.js";
import { authorise, resolvePrincipal, type AuthGuards } from "./authenticate.js";
import { queryFields, readBody, type BodyHints, type Fields } from "./read-body.js";
import { errorResponse, successResponse } from "./respond.js";
import type { RouteDefinition } from "./route.js";
import { Router } from "./router.js";
import { validationError } from "./validation.js";

/** What a binding knows about the request beyond the Fetch `Request`. */
export interface FetchHints extends BodyHints {
  /** The client's IP address, for per-IP rate limits. */
  readonly clientAddress?: string | null;
}

/** `fetch(request)`: a Response, or null when no route matches (the host handles it). */
export type PleromaFetch = (request: Request, hints?: FetchHints) => Promise<Response | null>;

export interface PipelineDeps {
  readonly routes: readonly RouteDefinition[];
  readonly services: Services;
  readonly config: KitConfig;
  readonly host: HostPorts;
  readonly guards: AuthGuards;
  readonly logger: Logger;
}

const DEFAULT_SOURCES = ["path", "query", "body"] as const;

/**
 * Builds the kit's `fetch` over a route table. HEAD is served as GET without a body, so every
 * binding answers it the same way whatever its framework does with HEAD.
 */
export function createFetchHandler(deps: PipelineDeps): PleromaFetch {
  const run = createPipeline(deps);
  return async function pleromaFetch(request, hints = {}) {
    const response = await run(request, hints);
    if (request.method !== "HEAD" || !response?.body) return response;
    // Stop a streaming producer at once instead of letting it run for nobody.
    await response.body.cancel().catch(() => {});
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function createPipeline(deps: PipelineDeps): PleromaFetch {
  const router = new Router(deps.routes);
  const { config, logger } = deps;

  return async function pipeline(request, hints = {}) {
    const url = new URL(request.url);
    // HEAD is GET without a body (as Plug.Head does for Akkoma); the body is dropped below.
    const isHead = request.method === "HEAD";
    const match = router.match(isHead ? "GET" : request.method, url.pathname);
    if (match === null) return null;
    if (match === "bad-encoding") return errorResponse(appError("VALIDATION_FAILED", { message: "Malformed path encoding." }));
    const { route, params } = match;
    try {
      const query = queryFields(url);
      const sources = route.from ?? DEFAULT_SOURCES;
      let body: Fields = {};
      const wantsBody = sources.includes("body") && request.method !== "GET" && !isHead;
      if (wantsBody) {
        const read = await readBody(request, config.instance.uploadLimit, hints);
        if (read.isErr()) return errorResponse(read.error, statusFor(route, read.error));
        body = read.value;
      }

      let viewer = null;
      if (route.auth !== "none") {
        const principal = await resolvePrincipal(request, body.access_token ?? query.access_token, deps.host.auth, deps.guards);
        if (principal.isErr()) return errorResponse(principal.error, statusFor(route, principal.error));
        const authorised = await authorise(route, principal.value, config, deps.guards);
        if (authorised.isErr()) return errorResponse(authorised.error, statusFor(route, authorised.error));
        viewer = authorised.value;
      }

      const merged: Fields = {};
      for (const source of sources) Object.assign(merged, source === "path" ? params : source === "query" ? query : body);
      let input: unknown = merged;
      if (route.input) {
        const parsed = await route.input.safeParseAsync(merged);
        if (!parsed.success) {
          const error = validationError(parsed.error, merged);
          return errorResponse(error, statusFor(route, error));
        }
        input = parsed.data;
      }

      const outcome = await route.handler({
        input,
        viewer,
        services: deps.services,
        config,
        request,
        clientAddress: hints.clientAddress ?? null,
        signal: request.signal,
      });
      return await outcome.match(successResponse, (error) => {
        if (error.code === "INTERNAL") logUnexpected(logger, request, route, error.cause);
        return errorResponse(error, statusFor(route, error));
      });
    } catch (cause) {
      logUnexpected(logger, request, route, cause);
      return errorResponse(appError("INTERNAL"));
    }
  };
}

function statusFor(route: RouteDefinition, error: AppError): number {
  return route.errorStatus?.(error) ?? error.status;
}

function logUnexpected(logger: Logger, request: Request, route: RouteDefinition, cause: unknown): void {
  logger.error("unexpected error while handling a request", {
    method: request.method,
    route: route.paths[0],
    error: cause instanceof Error ? { name: cause.name, message: cause.message, stack: cause.stack } : String(cause),
  });
}
