/** `POST /api/v1/apps`: OAuth app registration. */
import { z } from "zod";
import { defineRoute, fromPort, schema, type RouteDefinition } from "@pleroma-kit/core";
import { splitScopes } from "./credentials.js";
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

  return [createApp];
}
