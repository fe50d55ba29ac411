/** `GET /api/v1/notifications`: the caller's notifications, filtered by type. */
import { z } from "zod";
import { defineRoute, fromPort, Reply, schema, type RouteDefinition } from "@pleroma-kit/core";
import { linkHeader } from "../link-header.js";
import type { MastodonRouteDeps } from "./deps.js";
import { pageInput, pageOf } from "./paging.js";

const { list, text } = schema;

export function notificationRoutes({ host }: Pick<MastodonRouteDeps, "host">): RouteDefinition[] {
  const notifications = defineRoute({
    name: "mastodon.notifications",
    method: "GET",
    paths: ["/api/v1/notifications"],
    auth: "user",
    scopes: ["read:notifications"],
    input: z.object({
      ...pageInput,
      types: list(text()).optional(),
      include_types: list(text()).optional(),
      exclude_types: list(text()).optional(),
    }),
    summary: "Your notifications, newest first, without those of blocked or muted accounts.",
    handler: ({ viewer, input, request }) => {
      const types = input.types ?? input.include_types;
      return fromPort(() =>
        host.notifications.list(viewer!.id, pageOf(input, 80), {
          ...(types ? { types } : {}),
          ...(input.exclude_types ? { excludeTypes: input.exclude_types } : {}),
        }),
      ).map(({ entities, rows }) => new Reply(entities, 200, linkHeader(host.context.baseUrl, request, rows.map((r) => r.id))));
    },
  });

  return [notifications];
}
