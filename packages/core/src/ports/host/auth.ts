/**
 * Authentication is the host's: it owns users, OAuth tokens and sessions. Core asks this port to
 * resolve a credential and then applies the route's auth class and scopes itself.
 */

/** The authenticated user as far as authorisation needs to know it. */
export interface AuthUser {
  readonly id: string;
  readonly nickname: string;
  readonly isAdmin: boolean;
  readonly isModerator: boolean;
}

/**
 * Who is calling. `user` is null for app-only tokens (client_credentials), which do not satisfy
 * "user required" routes. `scopes` is `"all"` for HTTP Basic, which skips scope checks (Akkoma).
 */
export interface Principal {
  readonly user: AuthUser | null;
  readonly scopes: readonly string[] | "all";
  readonly via: "token" | "cookie" | "basic";
  /** The OAuth token id, when the credential was a token. */
  readonly tokenId?: string;
}

/**
 * Resolves credentials. Unknown, expired or revoked credentials resolve to null, never throw.
 * Only `authenticateToken` is required; without `authenticateSession` cookies are ignored, without
 * `authenticateBasic` HTTP Basic is.
 */
export interface Authenticator {
  /** An OAuth access token from `Authorization: Bearer` or the `access_token` parameter. */
  authenticateToken(token: string): Promise<Principal | null>;
  /** The value of the session cookie (`__Host-pleroma_key`, `pleroma_key` or `_pleroma_key`). */
  authenticateSession?(cookieValue: string): Promise<Principal | null>;
  /**
   * HTTP Basic: `login` is a nickname or an email. The host verifies the password (see core's
   * `verifyPassword` for Pleroma's hash formats). Core adds the MFA refusal and attempt limits.
   */
  authenticateBasic?(login: string, password: string): Promise<Principal | null>;
}
