/**
 * The security tab of the front ends: the caller's OAuth tokens (list and revoke one) and
 * `POST /api/pleroma/change_password`, which goes through core's shared password check (the same
 * attempt limits as delete_account, MFA and Basic auth).
 */
import { z } from "zod";
import { appError, defineRoute, errAsync, fromPort, okAsync, schema, type RouteDefinition } from "@pleroma-kit/core";
import type { MastodonRouteDeps } from "./deps.js";
import { notFound } from "./errors.js";

const { idLike, text } = schema;

export function oauthTokenRoutes({ host, services }: Pick<MastodonRouteDeps, "host" | "services">): RouteDefinition[] {
  const listTokens = defineRoute({
    name: "mastodon.oauthTokens",
    method: "GET",
    paths: ["/api/oauth_tokens.json", "/api/oauth_tokens"],
    auth: "user",
    scopes: ["read"],
    summary: "Your OAuth tokens, newest first: id, app name and expiry (never the token itself).",
    handler: ({ viewer }) =>
      fromPort(async () => {
        const tokens = await host.data.tokens.byUser(viewer!.id);
        const apps = new Map((await host.data.apps.byIds([...new Set(tokens.map((t) => t.appId))])).map((a) => [a.id, a]));
        return tokens.map((t) => ({
          id: t.id,
          app_name: apps.get(t.appId)?.name ?? null,
          valid_until: t.expiresAt ? t.expiresAt.toISOString() : null,
        }));
      }),
  });

  const revokeToken = defineRoute({
    name: "mastodon.revokeOauthToken",
    method: "DELETE",
    paths: ["/api/oauth_tokens/:id"],
    auth: "user",
    scopes: ["write"],
    input: z.object({ id: idLike() }),
    summary: "Revokes one of your tokens; 404 for anyone else's.",
    handler: ({ viewer, input }) =>
      fromPort(() => host.data.tokens.revokeById(viewer!.id, input.id)).andThen((revoked) => (revoked ? okAsync({}) : errAsync(notFound()))),
  });

  const changePassword = defineRoute({
    name: "mastodon.changePassword",
    method: "POST",
    paths: ["/api/pleroma/change_password", "/api/v1/pleroma/change_password"],
    auth: "user",
    scopes: ["write:accounts"],
    from: ["body"],
    input: z.object({
      password: text().max(4096).optional(),
      new_password: text().max(4096).optional(),
      new_password_confirmation: text().max(4096).optional(),
    }),
    summary: "Changes your password after checking the current one (core's password check and attempt limits).",
    calls: ["accountSecurity.verifyPassword"],
    handler: ({ viewer, input }) =>
      services.accountSecurity.verifyPassword(viewer!.id, input.password).andThen(() => {
        const next = input.new_password ?? "";
        if (next === "") return errAsync(appError("VALIDATION_FAILED", { status: 400, message: "New password can't be blank." }));
        if (next !== input.new_password_confirmation) {
          return errAsync(appError("VALIDATION_FAILED", { status: 400, message: "New password does not match confirmation." }));
        }
        return fromPort(() => host.users.setPassword(viewer!.id, next)).map(() => ({ status: "success" }));
      }),
  });

  return [listTokens, revokeToken, changePassword];
}
