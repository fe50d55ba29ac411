/** `POST /api/v1/apps`: OAuth app registration. */
import { z } from "zod";
import { appError, defineRoute, fromPort, schema, type RouteDefinition } from "@pleroma-kit/core";
import { bearerOf, splitScopes } from "./credentials.js";
import type { MastodonRouteDeps } from "./deps.js";

const { text } = schema;

export function appRoutes({ host }: Pick<MastodonRouteDeps, "host">): RouteDefinition[] {
  const createApp = defineRoute({
    name: "mastodon.createApp",
    method: "POST",
    paths: ["/api/v1/apps"],
    auth: "none",
    input: z.object({
      client_name: text().min(1).max(200),
      redirect_uris: text().max(2000).optional(),
      scopes: text().max(1000).optional(),
      website: text().max(2000).optional(),
    }),
    summary: "Registers an OAuth app; answers its client id and secret.",
    handler: ({ input }) =>
      fromPort(() =>
        host.apps.create({
          name: input.client_name,
          website: input.website ?? null,
          redirectUris: input.redirect_uris ?? "urn:ietf:wg:oauth:2.0:oob",
          scopes: splitScopes(input.scopes ?? "read"),
        }),
      ).map((app) => ({
        id: app.id,
        name: app.name,
        website: app.website,
        redirect_uri: app.redirectUris,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        vapid_key: null,
      })),
  });

  // pleroma-fe checks its stored app token with this on start: a 404 reads as "server down".
  const verifyApp = defineRoute({
    name: "mastodon.verifyAppCredentials",
    method: "GET",
    paths: ["/api/v1/apps/verify_credentials"],
    auth: "none",
    summary: "The app of the bearer token (an app or a user token).",
    handler: ({ request }) =>
      fromPort(async () => {
        const bearer = bearerOf(request);
        const token = bearer ? await host.tokens.find(bearer) : null;
        const [app] = token ? await host.data.apps.byIds([token.appId]) : [];
        if (!app) throw appError("AUTH_REQUIRED", { message: "The access token is invalid" });
        return { name: app.name, website: app.website, vapid_key: null };
      }),
  });

  return [createApp, verifyApp];
}
