/** Timelines: home and public. */
import { z } from "zod";
import { defineRoute, fromPort, okAsync, Reply, schema, type RouteDefinition } from "@pleroma-kit/core";
import type { MastodonRouteDeps } from "./deps.js";
import { pageInput, pageOf, renderStatusList } from "./paging.js";

const { booleanLike } = schema;

export function timelineRoutes({ host, services }: Pick<MastodonRouteDeps, "host" | "services">): RouteDefinition[] {
  const list = { services, baseUrl: host.context.baseUrl };

  const homeTimeline = defineRoute({
    name: "mastodon.homeTimeline",
    method: "GET",
    paths: ["/api/v1/timelines/home"],
    auth: "user",
    scopes: ["read:statuses"],
    input: z.object({ ...pageInput }),
    summary: "Your and followed accounts' statuses, newest first.",
    handler: ({ viewer, input, request }) =>
      fromPort(() => host.timelines.home(viewer!.id, pageOf(input))).andThen((rows) => renderStatusList(list, rows, viewer!.id, request)),
  });

  const publicTimeline = defineRoute({
    name: "mastodon.publicTimeline",
    method: "GET",
    paths: ["/api/v1/timelines/public"],
    auth: "optional",
    scopes: ["read:statuses"],
    softScopes: true,
    input: z.object({ ...pageInput, local: booleanLike().optional(), only_media: booleanLike().optional(), remote: booleanLike().optional() }),
    summary: "Public statuses, newest first (`local=true`: this instance's only).",
    handler: ({ viewer, input, request }) => {
      if (input.only_media || input.remote) return okAsync(new Reply([]));
      return fromPort(() => host.timelines.public(viewer?.id ?? null, pageOf(input), { localOnly: input.local ?? false })).andThen((rows) =>
        renderStatusList(list, rows, viewer?.id ?? null, request),
      );
    },
  });

  return [homeTimeline, publicTimeline];
}
