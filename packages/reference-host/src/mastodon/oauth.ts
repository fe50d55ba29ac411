/** OAuth: `POST /oauth/token` (password and client_credentials grants) and `POST /oauth/revoke`. */
import { z } from "zod";
import { appError, defineRoute, errAsync, fromPort, okAsync, schema, type AppError, type Outcome, type RouteDefinition } from "@pleroma-kit/core";
import { hasAnyScope } from "@pleroma-kit/core/internal";
import type { AppRow, UserRow } from "../host-data.js";
import type { ReferenceHost } from "../reference-host.js";
import { clientCredentials, splitScopes } from "./credentials.js";
import type { MastodonRouteDeps } from "./deps.js";
import { invalid } from "./errors.js";
import { TOKEN_EXPIRES_IN_SECONDS } from "../host/apps-tokens.js";

const { text } = schema;

/** A token as `tokens.issueRow` answers it. */
export interface IssuedToken {
  readonly bearer: string;
  /** Present for user tokens: answered as `refresh_token`. */
  readonly refresh?: string;
  readonly row: { readonly id: string; readonly scopes: readonly string[]; readonly createdAt: Date };
}

/**
 * Mastodon's token response (`POST /oauth/token`, registration). Exported so other login paths
 * (the MFA challenge) answer exactly the same JSON.
 */
export function oauthTokenJson(host: Pick<ReferenceHost, "accountUrl">, issued: IssuedToken, user: UserRow | null): Record<string, unknown> {
  return {
    access_token: issued.bearer,
    token_type: "Bearer",
    scope: issued.row.scopes.join(" "),
    created_at: Math.floor(issued.row.createdAt.getTime() / 1000),
    expires_in: TOKEN_EXPIRES_IN_SECONDS,
    ...(issued.refresh && user ? { refresh_token: issued.refresh } : {}),
    id: issued.row.id,
    ...(user ? { me: host.accountUrl(user) } : {}),
  };
}

export function oauthRoutes({ host, options }: Pick<MastodonRouteDeps, "host" | "options">): RouteDefinition[] {
  const oauthToken = defineRoute({
    name: "mastodon.oauthToken",
    method: "POST",
    paths: ["/oauth/token"],
    auth: "none",
    input: z.object({
      grant_type: z.enum(["password", "client_credentials", "refresh_token"], { error: "Unsupported grant type" }),
      refresh_token: text().max(500).optional(),
      client_id: text().max(200).optional(),
      client_secret: text().max(200).optional(),
      username: text().max(500).optional(),
      password: text().max(4096).optional(),
      scope: text().max(1000).optional(),
    }),
    summary: "Issues a token: the password grant (nickname or email) or client_credentials (app-only).",
    handler: ({ input, request }) => {
      const client = clientCredentials(request, input);
      if (!client) return errAsync(appError("INVALID_CREDENTIALS", { status: 400, message: "Invalid client" }));
      return fromPort(() => host.apps.verify(client.id, client.secret)).andThen((app) => {
        if (!app) return errAsync(appError("INVALID_CREDENTIALS", { status: 400, message: "Invalid client" }));
        const scopes = input.scope ? splitScopes(input.scope) : [...app.scopes];
        if (scopes.length === 0 || !scopes.every((s) => hasAnyScope(app.scopes, [s]))) {
          return errAsync(invalid("Invalid scopes"));
        }
        if (input.grant_type === "refresh_token") {
          if (!input.refresh_token) return errAsync(appError("INVALID_CREDENTIALS", { status: 400, message: "Invalid credentials" }));
          return fromPort(async () => {
            const issued = await host.tokens.refresh(input.refresh_token!, app.id);
            if (!issued) throw appError("INVALID_CREDENTIALS", { status: 400, message: "Invalid credentials" });
            return oauthTokenJson(host, issued, await host.users.byId(issued.row.userId!));
          });
        }
        if (input.grant_type === "client_credentials") {
          return fromPort(() => host.tokens.issueRow(null, app.id, scopes)).map((issued) => oauthTokenJson(host, issued, null));
        }
        if (!input.username || input.password === undefined) return errAsync(appError("INVALID_CREDENTIALS", { status: 400, message: "Invalid credentials" }));
        return passwordGrant(app, input.username, input.password, scopes);
      });
    },
  });

  /** Attempt limits, the password check, then the pre-issue hook (MFA) before a token is issued. */
  function passwordGrant(app: AppRow, login: string, password: string, scopes: readonly string[]): Outcome<unknown> {
    return fromPort(async () => {
      const blocked = await options.guards?.beforePasswordCheck?.(login);
      if (blocked) throw blocked;
      const user = await host.users.verifyLogin(login, password);
      await options.guards?.afterPasswordCheck?.(login, user !== null, user?.id ?? null);
      if (!user) throw appError("INVALID_CREDENTIALS", { status: 400, message: "Invalid credentials" });
      return user;
    }).andThen((user) => {
      const hook = options.beforeTokenIssue?.(user, { app, scopes }) ?? okAsync(null);
      return hook.andThen((alternative) =>
        alternative
          ? okAsync<unknown, AppError>(alternative)
          : fromPort(() => host.tokens.issueRow(user.id, app.id, scopes)).map((issued) => oauthTokenJson(host, issued, user)),
      );
    });
  }

  const oauthRevoke = defineRoute({
    name: "mastodon.oauthRevoke",
    method: "POST",
    paths: ["/oauth/revoke"],
    auth: "none",
    input: z.object({ token: text().min(1).max(500), client_id: text().optional(), client_secret: text().optional() }),
    summary: "Revokes a token (RFC 7009: answers {} whether or not it existed).",
    handler: ({ input, request }) =>
      fromPort(async () => {
        const row = await host.tokens.find(input.token);
        if (!row) return {};
        const client = clientCredentials(request, input);
        if (client) {
          const app = await host.apps.verify(client.id, client.secret);
          // Another app's client may not revoke this token.
          if (!app || app.id !== row.appId) return {};
        }
        await host.tokens.revoke(input.token);
        return {};
      }),
  });

  return [oauthToken, oauthRevoke];
}
