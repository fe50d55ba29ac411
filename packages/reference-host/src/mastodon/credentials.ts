/** Reading OAuth credentials and scopes from a request. */

/** OAuth scopes are space-separated (some clients use `+` or commas). */
export function splitScopes(value: string): string[] {
  return [...new Set(value.split(/[\s+,]+/).filter(Boolean))];
}

/** Client credentials from the body or from HTTP Basic (RFC 6749 2.3.1). */
export function clientCredentials(request: Request, body: { client_id?: string; client_secret?: string }): { id: string; secret: string } | null {
  if (body.client_id && body.client_secret) return { id: body.client_id, secret: body.client_secret };
  const header = request.headers.get("authorization");
  const m = header ? /^\s*basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i <= 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
}

/** The bearer token of a request, if any. */
export function bearerOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  const m = header ? /^\s*bearer:?\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1]! : null;
}
