/**
 * Authorization as host policy: the host maps its principal to roles and decides scope checks.
 * The default is Akkoma's behaviour (roles from the principal's user, any-of scopes with parent
 * scopes covering children, HTTP Basic skipping scope checks).
 */
import type { Principal } from "../ports/host/auth.js";

/** The roles the `staff` and `admin` auth classes check. */
export interface Roles {
  readonly isAdmin: boolean;
  readonly isModerator: boolean;
}

/** A scope decision the policy may override. */
export interface ScopeQuestion {
  readonly principal: Principal;
  /** The route's any-of scopes, e.g. `["admin:write"]`. */
  readonly required: readonly string[];
  /** The route name (`"emojiPacks.create"`). */
  readonly route: string;
  /** What the default check answers: a granted scope equals or is a parent of a required one. */
  readonly byDefault: boolean;
}

/**
 * How the host's principals map to the kit's roles and scopes. Both methods are optional and
 * synchronous (they run on every request).
 *
 * @example
 * // A single-user server: the owner is the admin, and tokens never carry admin:* scopes.
 * authorization: {
 *   roles: (principal) => ({ isAdmin: principal.user !== null, isModerator: false }),
 *   allowScopes: ({ required, principal, byDefault }) =>
 *     byDefault || (principal.user !== null && required.every((s) => s.startsWith("admin"))),
 * }
 */
export interface AuthorizationPolicy {
  /** Roles of a principal with a user. Default: the user's `isAdmin` / `isModerator`. */
  roles?(principal: Principal): Roles;
  /** Whether the principal passes a route's scope check. Default: `byDefault`. */
  allowScopes?(question: ScopeQuestion): boolean;
}

/** Today's behaviour. */
export const defaultAuthorization: Required<AuthorizationPolicy> = {
  roles: (principal) => ({ isAdmin: principal.user?.isAdmin ?? false, isModerator: principal.user?.isModerator ?? false }),
  allowScopes: (question) => question.byDefault,
};
