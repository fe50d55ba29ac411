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
import type { AuthorizationPolicy } from "./authorization-policy.js";
import { passesCsrfCheck } from "./csrf.js";
import { queryFields, readBody, type BodyHints, type Fields } from "./read-body.js";
import { callOfRequest, isPrepared, PREPARED_FETCH, toResponse, type Answer, type IncomingCall, type PreparedFetch } from "./prepared.js";
import { errorAnswer, successAnswer } from "./respond.js";
import type { RouteDefinition } from "./route.js";
import { Router } from "./router.js";
import { validationError } from "./validation.js";
import { findUncleanField, hasValidPercentEncoding } from "./text-guard.js";

/** What a binding knows about the request beyond the Fetch `Request`. */
export interface FetchHints extends BodyHints {
  /**
   * The client's IP address, which per-IP attempt limits key on. The bindings pass the
   * framework's own (`req.ip`, `ctx.ip`, `request.ip`, so its trust-proxy setting applies).
   * Calling `kit.fetch` yourself (Hono, Bun, `node:http`)? Pass it, e.g. Hono's
   * `getConnInfo(c).remote.address` or the first `X-Forwarded-For` entry your own proxy set;
   * without it every client shares one "unknown" bucket.
   */
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
  /** Roles and scope decisions; default: the principal's own (Akkoma's behaviour). */
  readonly authorization?: AuthorizationPolicy;
}

const DEFAULT_SOURCES = ["path", "query", "body"] as const;

/**
 * Builds the kit's `fetch` over a route table. HEAD is served as GET without a body, so every
 * binding answers it the same way whatever its framework does with HEAD. The function also
 * carries the prepared pipeline ({@link PREPARED_FETCH}) for the Node bridge.
 */
export function createFetchHandler(deps: PipelineDeps): PleromaFetch {
  const run = createPipeline(deps);
  const prepared: PreparedFetch = async (call, hints = {}) => {
    const answer = await run(call, hints);
    if (call.method !== "HEAD" || answer === null) return answer;
    if (isPrepared(answer)) return answer.body === null ? answer : { ...answer, body: null };
    if (!answer.body) return answer;
    // Stop a streaming producer at once instead of letting it run for nobody.
    await answer.body.cancel().catch(() => {});
    return new Response(null, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
  const pleromaFetch: PleromaFetch = async (request, hints = {}) => {
    const answer = await prepared(callOfRequest(request), hints);
    return answer && toResponse(answer);
  };
  return Object.assign(pleromaFetch, { [PREPARED_FETCH]: prepared });
}

function createPipeline(deps: PipelineDeps): (call: IncomingCall, hints: FetchHints) => Promise<Answer | null> {
  const router = new Router(deps.routes);
  const { config, logger } = deps;
  const baseOrigin = new URL(config.baseUrl).origin;

  return async function pipeline(request, hints) {
    const url = new URL(request.url);
    // HEAD is GET without a body (as Plug.Head does for Akkoma); the body is dropped below.
    const isHead = request.method === "HEAD";
    const match = router.match(isHead ? "GET" : request.method, url.pathname);
    if (match === null) return null;
    if (match === "bad-encoding") return errorAnswer(appError("VALIDATION_FAILED", { message: "Malformed path encoding." }));
    const { route, params } = match;
    try {
      const query = queryFields(url);
      const sources = route.from ?? DEFAULT_SOURCES;
      let body: Fields = {};
      const wantsBody = sources.includes("body") && request.method !== "GET" && !isHead;
      if (wantsBody) {
        const read = await readBody(request, config.instance.uploadLimit, hints);
        if (read.isErr()) return errorAnswer(read.error, statusFor(route, read.error));
        body = read.value;
      }

      const unclean = uncleanInput(url, query, body, params);
      if (unclean) return errorAnswer(unclean, statusFor(route, unclean));

      let viewer = null;
      if (route.auth !== "none") {
        const principal = await resolvePrincipal(request, body.access_token ?? query.access_token, deps.host.auth, deps.guards);
        if (principal.isErr()) return errorAnswer(principal.error, statusFor(route, principal.error));
        if (!passesCsrfCheck(principal.value, request.method, route.sideEffects === true, request.headers, baseOrigin)) {
          return errorAnswer(appError("CROSS_SITE_REFUSED"));
        }
        const authorised = await authorise(route, principal.value, config, deps.guards, deps.authorization);
        if (authorised.isErr()) return errorAnswer(authorised.error, statusFor(route, authorised.error));
        viewer = authorised.value;
      }

      const merged: Fields = {};
      for (const source of sources) Object.assign(merged, source === "path" ? params : source === "query" ? query : body);
      let input: unknown = merged;
      if (route.input) {
        const parsed = await route.input.safeParseAsync(merged);
        if (!parsed.success) {
          const error = validationError(parsed.error, merged);
          return errorAnswer(error, statusFor(route, error));
        }
        input = parsed.data;
      }

      const outcome = await route.handler({
        input,
        viewer,
        services: deps.services,
        config,
        // Getters: the bridge makes the Request and its AbortSignal only for handlers that use them.
        get request() {
          return request.request;
        },
        clientAddress: hints.clientAddress ?? null,
        get signal() {
          return request.signal;
        },
      });
      return await outcome.match(successAnswer, (error) => {
        if (error.code === "INTERNAL") logUnexpected(logger, request, route, error.cause);
        return errorAnswer(error, statusFor(route, error));
      });
    } catch (cause) {
      logUnexpected(logger, request, route, cause);
      return errorAnswer(appError("INTERNAL"));
    }
  };
}

/** NUL bytes and invalid Unicode are refused here, once, before credentials or input reach a store. */
function uncleanInput(url: URL, ...sources: Fields[]): AppError | null {
  if (!hasValidPercentEncoding(url.search.slice(1))) {
    return appError("VALIDATION_FAILED", { message: "Query string is not valid UTF-8." });
  }
  for (const fields of sources) {
    const field = findUncleanField(fields);
    if (field !== null) return appError("VALIDATION_FAILED", { message: `${field} - contains a NUL byte or invalid Unicode.` });
  }
  return null;
}

function statusFor(route: RouteDefinition, error: AppError): number {
  return route.errorStatus?.(error) ?? error.status;
}

function logUnexpected(logger: Logger, request: IncomingCall, route: RouteDefinition, cause: unknown): void {
  // The cause goes in the message too: structured loggers that print only the message still show it.
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  logger.error(`unexpected error while handling a request (${route.name}): ${reason}`, {
    name: route.name,
    method: request.method,
    route: route.paths[0],
    error: cause instanceof Error ? { name: cause.name, message: cause.message, stack: cause.stack } : String(cause),
  });
}
