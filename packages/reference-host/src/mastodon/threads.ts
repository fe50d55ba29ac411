/** Conversations as pleroma-fe shows them: the Direct messages timeline and a status's thread (`context`). */
import { z } from "zod";
import { defineRoute, fromPort, schema, type Entity, type RouteDefinition } from "@pleroma-kit/core";
import type { StatusRow } from "../host-data.js";
import type { MastodonRouteDeps } from "./deps.js";
import { visibleStatus } from "./lookups.js";
import { pageInput, pageOf, renderStatusList } from "./paging.js";

const { idLike } = schema;

/** Ancestors (root first) and descendants (oldest first) of `id` within its thread's rows. */
export function splitThread(rows: readonly StatusRow[], id: string): { ancestors: StatusRow[]; descendants: StatusRow[] } {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ancestors: StatusRow[] = [];
  const seen = new Set([id]);
  for (let parent = byId.get(id)?.inReplyToId; parent && !seen.has(parent); parent = byId.get(parent)?.inReplyToId) {
    const row = byId.get(parent);
    if (!row) break;
    seen.add(parent);
    ancestors.unshift(row);
  }
  const below = new Set([id]);
  const descendants: StatusRow[] = [];
  // Rows are oldest first, so a reply comes after its parent: one pass collects the subtree.
  for (const row of rows) {
    if (row.inReplyToId && below.has(row.inReplyToId) && !below.has(row.id)) {
      below.add(row.id);
      descendants.push(row);
    }
  }
  return { ancestors, descendants };
}

export function threadRoutes({ host, services }: Pick<MastodonRouteDeps, "host" | "services">): RouteDefinition[] {
  const directTimeline = defineRoute({
    name: "mastodon.directTimeline",
    method: "GET",
    paths: ["/api/v1/timelines/direct"],
    auth: "user",
    scopes: ["read:statuses"],
    input: z.object({ ...pageInput }),
    summary: "Direct statuses you wrote or are addressed by, newest first.",
    handler: ({ viewer, input, request }) =>
      fromPort(() => host.data.statuses.directFor(viewer!.id, pageOf(input))).andThen((rows) =>
        renderStatusList({ services, baseUrl: host.context.baseUrl }, rows, viewer!.id, request),
      ),
  });

  const context = defineRoute({
    name: "mastodon.statusContext",
    method: "GET",
    paths: ["/api/v1/statuses/:id/context"],
    auth: "optional",
    scopes: ["read:statuses"],
    softScopes: true,
    input: z.object({ id: idLike() }),
    summary: "A status's ancestors and descendants the caller may see.",
    handler: ({ viewer, input }) => {
      const viewerId = viewer?.id ?? null;
      return visibleStatus(host, input.id, viewerId).andThen((row) =>
        fromPort(async () => {
          const thread = await host.statuses.visible(await host.data.statuses.byContext(row.contextId), viewerId);
          return splitThread(thread, row.id);
        }).andThen(({ ancestors, descendants }) =>
          services.statuses.render([...ancestors, ...descendants].map((r) => r.id), viewerId).map((map) => {
            const pick = (rows: StatusRow[]) => rows.flatMap((r) => (map.get(r.id) ? [map.get(r.id) as Entity] : []));
            return { ancestors: pick(ancestors), descendants: pick(descendants) };
          }),
        ),
      );
    },
  });

  return [directTimeline, context];
}
