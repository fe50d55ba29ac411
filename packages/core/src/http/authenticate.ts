/**
 * Resolves the caller (accounts.md 1): OAuth token from the `access_token` parameter, then
 * `Authorization: Bearer`, then the session cookie; HTTP Basic only when no token resolved.
 * Then applies the route's auth class and scopes.
 */
import { err, ok, type Result } from "neverthrow";
import { appError, type AppError } from "../errors/index.js";
import type { Authenticator, Principal } from "../ports/host/auth.js";
import type { KitConfig } from "../config.js";
import type { RouteDefinition, Viewer } from "./route.js";
import { defaultAuthorization, type AuthorizationPolicy } from "./authorization-policy.js";
import { isCleanText } from "./text-guard.js";

const SESSION_COOKIES = ["__Host-pleroma_key", "pleroma_key", "_pleroma_key"];

/** Hooks other domains add to login paths (MFA refusal, attempt limits). */
export interface AuthGuards {
  /** True when the user has a second factor enabled: HTTP Basic is then refused on user routes. */
  isMfaEnabled(userId: string): Promise<boolean>;
  /** Called before a Basic password check; an error (e.g. THROTTLED) stops the request. */
  beforePasswordCheck(login: string): Promise<AppError | null>;
  /** Called after a Basic password check with its outcome. */
  afterPasswordCheck(login: string, success: boolean, userId: string | null): Promise<void>;
}

export const noGuards: AuthGuards = {
  isMfaEnabled: async () => false,
  beforePasswordCheck: async () => null,
  afterPasswordCheck: async () => {},
};

/** Finds and resolves the request's credential; null when there is none or it is not valid. */
export async function resolvePrincipal(
  request: { readonly headers: Pick<Headers, "get"> },
  accessTokenParam: unknown,
  auth: Authenticator,
  guards: AuthGuards,
): Promise<Result<Principal | null, AppError>> {
  if (typeof accessTokenParam === "string" && accessTokenParam !== "") {
    const p = await auth.authenticateToken(accessTokenParam);
    if (p) return ok(p);
  }
  const headers = request.headers.get("authorization");
  let bearerSeen = false;
  let basic: { login: string; password: string } | null = null;
  if (headers) {
    // Fetch joins repeated headers with ", "; scan each credential in order.
    for (const part of headers.split(/,\s*(?=[A-Za-z]+:?\s)/)) {
      const m = /^\s*([A-Za-z]+):?\s+(.+?)\s*$/.exec(part);
      if (!m) continue;
      const scheme = m[1]!.toLowerCase();
      if (scheme === "bearer") {
        bearerSeen = true;
        const p = await auth.authenticateToken(m[2]!);
        if (p) return ok(p);
      } else if (scheme === "basic" && !basic) {
        basic = decodeBasic(m[2]!);
      }
    }
  }
  if (!bearerSeen) {
    const cookie = sessionCookie(request.headers.get("cookie"));
    if (cookie && auth.authenticateSession) {
      const p = await auth.authenticateSession(cookie);
      // Marked here, whatever the host says: the CSRF check relies on knowing it was the cookie.
      if (p) return ok({ ...p, via: "cookie" });
    }
  }
  if (basic && auth.authenticateBasic) {
    const blocked = await guards.beforePasswordCheck(basic.login);
    if (blocked) return err(blocked);
    const p = await auth.authenticateBasic(basic.login, basic.password);
    await guards.afterPasswordCheck(basic.login, p !== null, p?.user?.id ?? null);
    if (p) return ok({ ...p, scopes: "all", via: "basic" });
  }
  return ok(null);
}

/**
 * Applies the auth class and scopes of `route` to a resolved principal. Returns the viewer
 * (null = anonymous) or the error Akkoma answers with.
 */
export async function authorise(
  route: RouteDefinition,
  principal: Principal | null,
  config: KitConfig,
  guards: AuthGuards,
  policy: AuthorizationPolicy = defaultAuthorization,
): Promise<Result<Viewer | null, AppError>> {
  const user = principal?.user ?? null;
  const needsUser = route.auth === "user" || route.auth === "staff" || route.auth === "admin";
  if (!user) {
    if (needsUser) return err(appError("INVALID_CREDENTIALS"));
    if (route.auth === "optional" && !config.instance.public) return err(appError("AUTH_REQUIRED"));
    return ok(null);
  }
  if (needsUser && principal!.via === "basic" && (await guards.isMfaEnabled(user.id))) {
    return err(appError("MFA_BASIC_AUTH_REFUSED"));
  }
  const roles = (policy.roles ?? defaultAuthorization.roles)(principal!);
  if ((route.auth === "staff" && !roles.isAdmin && !roles.isModerator) || (route.auth === "admin" && !roles.isAdmin)) {
    return err(appError("NOT_STAFF"));
  }
  const scopes = route.scopes ?? [];
  const scoped = scopes.length > 0 && principal!.scopes !== "all";
  const byDefault = !scoped || hasAnyScope(principal!.scopes as readonly string[], scopes);
  const allowed = policy.allowScopes ? policy.allowScopes({ principal: principal!, required: scopes, route: route.name, byDefault }) : byDefault;
  if (!allowed) {
    if (route.softScopes) {
      if (!config.instance.public) return err(appError("AUTH_REQUIRED"));
      return ok(null);
    }
    return err(appError("INSUFFICIENT_SCOPES", { message: `Insufficient permissions: ${scopes.join(" | ")}.` }));
  }
  return ok({
    id: user.id,
    nickname: user.nickname,
    isAdmin: roles.isAdmin,
    isModerator: roles.isModerator,
    principal: principal!,
  });
}

/** A token scope satisfies a required one when equal, or a parent at a `:` boundary. */
export function hasAnyScope(granted: readonly string[], required: readonly string[]): boolean {
  return required.some((need) => granted.some((g) => g === need || need.startsWith(`${g}:`)));
}

/** Longest Basic login (an email address is at most 254 characters) and password read. */
export const MAX_BASIC_LOGIN = 320;
export const MAX_BASIC_PASSWORD = 4096;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Basic credentials, or null (then the request is anonymous and user routes answer 403) when they
 * are not valid UTF-8, hold a NUL or are longer than any real login: such a login never reaches
 * the attempt limiter or the host's user lookup.
 */
function decodeBasic(value: string): { login: string; password: string } | null {
  let decoded: string;
  try {
    decoded = strictUtf8.decode(Buffer.from(value, "base64"));
  } catch {
    return null;
  }
  const i = decoded.indexOf(":");
  if (i <= 0 || !isCleanText(decoded)) return null;
  const login = decoded.slice(0, i);
  const password = decoded.slice(i + 1);
  if (login.length > MAX_BASIC_LOGIN || password.length > MAX_BASIC_PASSWORD) return null;
  return { login, password };
}

function sessionCookie(header: string | null): string | null {
  if (!header) return null;
  const jar = new Map<string, string>();
  for (const pair of header.split(";")) {
    const i = pair.indexOf("=");
    if (i < 0) continue;
    const name = pair.slice(0, i).trim();
    if (!jar.has(name)) jar.set(name, pair.slice(i + 1).trim());
  }
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name);
    if (value) {
      try {
        return decodeURIComponent(value);
      } catch {
        return null;
      }
    }
  }
  return null;
}
