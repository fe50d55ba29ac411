/**
 * A route is data: method, paths, auth class, scopes, one zod input schema and a handler that
 * calls one service method. The fetch handler runs every route the same way.
 */
import type { ZodType } from "zod";
import type { AppError } from "../errors/index.js";
import type { Principal } from "../ports/host/auth.js";
import type { Outcome } from "../result.js";
import type { Services } from "../services/index.js";
import type { KitConfig } from "../config.js";
import type { ErrorCode } from "../errors/error-codes.js";
import type { HostMethod } from "./host-needs.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call a route (accounts.md 1.1, content.md 0.1):
 * - `none`: credentials are not even read;
 * - `optional`: a user if one is given; anonymous is refused on private instances;
 * - `public`: like optional, and served anonymously even on private instances;
 * - `user`: a user-bound credential is required;
 * - `staff`: admin or moderator; `admin`: admin only.
 */
export type AuthClass = "none" | "optional" | "public" | "user" | "staff" | "admin";

/** Where a route's input is read from; later sources override earlier ones. */
export type InputSource = "path" | "query" | "body";

/** The authenticated caller as a handler sees it. */
export interface Viewer {
  readonly id: string;
  readonly nickname: string;
  readonly isAdmin: boolean;
  readonly isModerator: boolean;
  readonly principal: Principal;
}

export interface HandlerContext<I> {
  readonly input: I;
  /** The calling user; null when anonymous (or when a soft scope check dropped the credential). */
  readonly viewer: Viewer | null;
  readonly services: Services;
  readonly config: KitConfig;
  /** The original request, for headers a handler needs (e.g. Range). Prefer `input`. */
  readonly request: Request;
  /** The caller's address as given by the binding (rate limits keyed by IP). */
  readonly clientAddress: string | null;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
}

/** A successful reply other than 200 JSON. Handlers may also return a ready `Response` (streams). */
export class Reply {
  constructor(
    readonly body: unknown,
    readonly status = 200,
    readonly headers: Record<string, string> = {},
  ) {}
}

export type HandlerOutput = unknown;

/** The public methods of a service, by name. */
type MethodsOf<T> = { [K in keyof T & string]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T & string];

/** A service method as `service.method` (`"mfa.confirm"`, `"emojiPacks.addFile"`): what a handler calls. */
export type ServiceMethod = { [S in keyof Services & string]: `${S}.${MethodsOf<Services[S]>}` }[keyof Services & string];

export interface RouteDefinition<I = any> {
  /**
   * The endpoint's one name, `domain.action` in camelCase (`"mfa.confirm"`, `"emojiPacks.archive"`):
   * unique across the table, the OpenAPI operationId, and the `name` field of the pipeline's log
   * lines. The library's routes live in `http/routes/<domain>.ts` (the domain in kebab-case).
   */
  readonly name: string;
  readonly method: HttpMethod;
  /** Full paths, e.g. from `pleromaPaths("/statuses/:id/reactions")`. */
  readonly paths: readonly string[];
  readonly auth: AuthClass;
  /** Any-of OAuth scopes; a parent scope satisfies a child (`read` covers `read:statuses`). */
  readonly scopes?: readonly string[];
  /** When the token lacks the scope, serve the request as anonymous instead of refusing it. */
  readonly softScopes?: boolean;
  /**
   * A GET that changes state (Akkoma regenerates backup codes on GET): a cookie-authenticated
   * call must then be same-origin, as for POST (see `http/csrf.ts`).
   */
  readonly sideEffects?: boolean;
  /** Sources merged into the input, in order. Default: path, query, body. */
  readonly from?: readonly InputSource[];
  readonly input?: ZodType<I>;
  /** A short summary, used by docs and the OpenAPI generator. */
  readonly summary: string;
  /** Status used for this route's business errors when Akkoma answers them with another (e.g. 200). */
  readonly errorStatus?: (error: AppError) => number | undefined;
  readonly handler: (ctx: HandlerContext<I>) => Outcome<HandlerOutput> | Promise<Outcome<HandlerOutput>>;
  /** The service methods the handler calls, for docs/endpoints.md (a test checks them against the handler). */
  readonly calls?: readonly ServiceMethod[];
  /**
   * Optional host-port methods this route needs beyond what its `calls` need (those come from
   * `SERVICE_HOST_NEEDS`). When the host lacks one, the route answers 404 "Not implemented".
   */
  readonly needs?: readonly HostMethod[];
  /**
   * The success body, for the OpenAPI document and the tests that check real answers against it:
   * a zod schema (see `http/entity-schemas.ts`) or a JSON Schema object.
   */
  readonly response?: ZodType | Readonly<Record<string, unknown>>;
  /** The success body's media type when it is not JSON (an archive, an image). */
  readonly responseType?: string;
  /** The business errors this route answers with (the pipeline's own are added by the generator). */
  readonly errors?: readonly ErrorCode[];
}

/** Identity helper that infers the input type from the schema. */
export function defineRoute<I>(route: RouteDefinition<I>): RouteDefinition<I> {
  return route;
}

/** Both prefixes the seed promises: `/api/v1/pleroma<rest>` and `/api/pleroma<rest>`. */
export function pleromaPaths(rest: string): string[] {
  return [`/api/v1/pleroma${rest}`, `/api/pleroma${rest}`];
}
