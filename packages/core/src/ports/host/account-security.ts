/**
 * Password checks and account actions on host-owned users, for the account-security endpoints
 * and the login second-factor challenge (accounts.md 8-14).
 */
import type { Entity } from "./entity.js";

/** A local account found by nickname or email (login, confirmation resend). */
export interface HostLoginAccount {
  readonly id: string;
  readonly nickname: string;
  readonly email: string | null;
}

/** An account resolved for aliases and moves. */
export interface HostResolvedAccount {
  readonly id: string;
  /** The ActivityPub actor id. */
  readonly actorUri: string;
  readonly isLocal: boolean;
  /**
   * The actor's `alsoKnownAs` (actor URIs) as freshly fetched, for remote accounts. Ignored for local
   * accounts: their aliases are the library's (`AccountSettingsStore`).
   */
  readonly alsoKnownAs: readonly string[];
}

/** Why the host refused an email change (Akkoma's validation texts are built by core). */
export type EmailChangeRefusal = "taken" | "blank";

/** The OAuth client a login challenge is answered for (`client_id`/`client_secret` or Basic). */
export interface OAuthClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * What the account-security endpoints and the login challenge need from the host: password checks
 * and account actions on host-owned users. Every method that changes state is all-or-nothing.
 *
 * Every method is optional: a host adopts them one at a time. An endpoint whose method is missing
 * answers 404 `{"error":"Not implemented"}` and is listed as off by `kit.endpoints()` (MFA confirm
 * needs only `checkPassword`; see docs/embedding.md for the table).
 *
 * @example
 * // core's verifyPassword reads its own scrypt hashes and Pleroma's `$pbkdf2-sha512$` ones:
 * checkPassword: async (id, password) => {
 *   const user = await users.get(id);
 *   return !!user?.active && (await verifyPassword(password, user.passwordHash));
 * },
 */
export interface HostAccountSecurity {
  /** True when `userId` is a local, active account and `password` verifies against its hash. */
  checkPassword?(userId: string, password: string): Promise<boolean>;
  /** A local account by nickname, then by email (case-insensitive); null when none. */
  findByLogin?(nicknameOrEmail: string): Promise<HostLoginAccount | null>;
  /**
   * Deletes the account (Akkoma's purge: profile cleared, deactivated, tokens stop working).
   * All-or-nothing: on failure nothing changed. Follow clean-up may continue in the background.
   */
  deleteAccount?(userId: string): Promise<void>;
  /** Deactivates the account (tokens stop working). All-or-nothing. */
  disableAccount?(userId: string): Promise<void>;
  /**
   * Sets the account's email (`""` clears it). Core has checked the format already. Returns why the
   * host refused (`taken` by another account, `blank` while activation is required) or null.
   */
  changeEmail?(userId: string, email: string): Promise<EmailChangeRefusal | null>;
  /**
   * The confirmation mail to send again for the account, or null when none is due (already
   * confirmed, no email, or activation not required). Core sends it through the `Mailer`.
   */
  confirmationMail?(userId: string): Promise<{ to: string; subject: string; text: string; html?: string } | null>;
  /**
   * Resolves `nick`, `nick@host` (our host = local) for aliases and moves. With `refresh`, a remote
   * account is fetched again (WebFinger + actor) rather than read from a cache, as Akkoma does for
   * move targets. Null when it cannot be resolved.
   */
  resolveAccount?(handle: string, options: { refresh: boolean }): Promise<HostResolvedAccount | null>;
  /**
   * After a Move from `originId` to `targetId`: tell local followers (`move` notification) and make
   * those with `allow_following_move` follow the target and unfollow the origin. Runs as a job.
   */
  moveFollowers?(originId: string, targetId: string): Promise<void>;
  /**
   * Issues the OAuth token for a login whose second factor was just verified (`POST
   * /oauth/mfa/challenge`): checks the client credentials and answers the token JSON (`access_token`,
   * `token_type`, ...), or null when the client is unknown or its secret wrong.
   */
  issueLoginToken?(userId: string, client: OAuthClientCredentials, context: Record<string, unknown>): Promise<Entity | null>;
}
