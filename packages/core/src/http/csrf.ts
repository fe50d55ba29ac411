/**
 * Cross-site request forgery guard for cookie sessions. A browser attaches the session cookie to
 * requests other sites make, so a cookie alone does not prove the user meant the request: a
 * state-changing call authenticated by the cookie must come from the kit's own origin. Bearer
 * tokens and HTTP Basic are never sent implicitly by a browser and are not checked.
 */
import type { Principal } from "../ports/host/auth.js";

/** The request headers the check reads. */
type HeaderSource = Pick<Headers, "get">;

/** True when the request may act: not cookie-authenticated, safe, or same-origin. */
export function passesCsrfCheck(
  principal: Principal | null,
  method: string,
  sideEffects: boolean,
  headers: HeaderSource,
  baseOrigin: string,
): boolean {
  if (principal?.via !== "cookie") return true;
  const safe = (method === "GET" || method === "HEAD" || method === "OPTIONS") && !sideEffects;
  return safe || isSameOrigin(headers, baseOrigin);
}

/**
 * `Sec-Fetch-Site` when the browser sends it (`none` is a typed URL or bookmark), else the
 * `Origin`, else the `Referer`, compared with the base URL's origin. A request carrying none of
 * them is refused: every current browser sends at least one on a state-changing request.
 */
export function isSameOrigin(headers: HeaderSource, baseOrigin: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  const origin = headers.get("origin");
  if (origin !== null && origin !== "null") return origin === baseOrigin;
  const referer = headers.get("referer");
  if (referer === null) return false;
  try {
    return new URL(referer).origin === baseOrigin;
  } catch {
    return false;
  }
}
