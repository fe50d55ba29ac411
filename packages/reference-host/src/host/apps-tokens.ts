/** OAuth apps (random client id and secret) and bearer tokens (stored only as SHA-256 hashes). */
import type { HostContext } from "../host-context.js";
import type { AppRow, TokenRow } from "../host-data.js";
import { randomToken, safeEqual, tokenHash } from "./credentials.js";

/** What `apps.create` takes. */
export interface NewApp {
  readonly name: string;
  readonly website?: string | null;
  readonly redirectUris?: string;
  readonly scopes: readonly string[];
}

/** The host's `apps`. */
export interface HostApps {
  /** Registers an OAuth app with random client id and secret. */
  create(input: NewApp): Promise<AppRow>;
  /** The app when `clientSecret` matches (constant-time), else null. */
  verify(clientId: string, clientSecret: string): Promise<AppRow | null>;
}

/** A bearer token as issued: the secret itself (never stored) and its stored row. */
export interface IssuedTokenRow {
  readonly bearer: string;
  /** The refresh token issued with it (only its SHA-256 is stored), for the `refresh_token` grant. */
  readonly refresh: string;
  readonly row: TokenRow;
}

/** `expires_in` of issued tokens: Pleroma's default `token_expires_in`; tokens do not expire sooner. */
export const TOKEN_EXPIRES_IN_SECONDS = 3600 * 24 * 365 * 100;

/** The host's `tokens`. */
export interface HostTokens {
  /** Issues a bearer token (app-only when `userId` is null); only its SHA-256 is stored. */
  issue(userId: string | null, appId: string, scopes: readonly string[]): Promise<string>;
  /** As `issue`, also answering the stored row (for the token response's `id` and `created_at`). */
  issueRow(userId: string | null, appId: string, scopes: readonly string[]): Promise<IssuedTokenRow>;
  /** The stored row of a bearer token, or null. */
  find(bearer: string): Promise<TokenRow | null>;
  revoke(bearer: string): Promise<boolean>;
  /**
   * The `refresh_token` grant: revokes the token the refresh token was issued with and issues a new
   * one (same user and scopes) for `appId`; null when unknown or issued to another app.
   */
  refresh(refreshToken: string, appId: string): Promise<IssuedTokenRow | null>;
}

export function createApps(deps: Pick<HostContext, "data" | "clock" | "ids">): HostApps {
  const { data, clock, ids } = deps;
  return {
    async create(input) {
      return data.apps.create({
        id: ids.next(),
        clientId: randomToken(),
        clientSecret: randomToken(),
        name: input.name,
        website: input.website ?? null,
        redirectUris: input.redirectUris ?? "urn:ietf:wg:oauth:2.0:oob",
        scopes: [...input.scopes],
        createdAt: clock.now(),
      });
    },
    async verify(clientId, clientSecret) {
      const app = await data.apps.byClientId(clientId);
      return app && safeEqual(app.clientSecret, clientSecret) ? app : null;
    },
  };
}

export function createTokens(deps: Pick<HostContext, "data" | "clock" | "ids">): HostTokens {
  const { data, clock, ids } = deps;
  const issueRow = async (userId: string | null, appId: string, scopes: readonly string[]): Promise<IssuedTokenRow> => {
    const bearer = randomToken();
    const refresh = randomToken();
    const row = await data.tokens.create({
      id: ids.next(),
      tokenHash: tokenHash(bearer),
      appId,
      userId,
      scopes: [...scopes],
      createdAt: clock.now(),
      expiresAt: null,
      refreshHash: tokenHash(refresh),
    });
    return { bearer, refresh, row };
  };
  return {
    issue: async (userId, appId, scopes) => (await issueRow(userId, appId, scopes)).bearer,
    issueRow,
    find: (bearer) => data.tokens.byHash(tokenHash(bearer)),
    revoke: (bearer) => data.tokens.revoke(tokenHash(bearer)),
    async refresh(refreshToken, appId) {
      const old = await data.tokens.byRefreshHash(tokenHash(refreshToken));
      if (!old || old.appId !== appId || old.userId === null) return null;
      // Only the caller that revokes the old token gets a new one: a refresh token works once.
      if (!(await data.tokens.revoke(old.tokenHash))) return null;
      return issueRow(old.userId, appId, old.scopes);
    },
  };
}
