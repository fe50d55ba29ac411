/** Read markers: `GET` and `POST /api/v1/markers`. */
import { z } from "zod";
import { defineRoute, fromPort, schema, type Entity, type RouteDefinition } from "@pleroma-kit/core";
import { formatDate } from "../host-context.js";
import type { ReferenceHost } from "../reference-host.js";
import type { Marker, MarkerTimeline } from "../host/markers.js";
import type { MastodonRouteDeps } from "./deps.js";

const { idLike, list } = schema;

const markerTimeline = z.enum(["home", "notifications"]);
const markerBody = z.object({ last_read_id: idLike() }).optional();

export function markerRoutes({ host }: Pick<MastodonRouteDeps, "host">): RouteDefinition[] {
  const getMarkers = defineRoute({
    name: "mastodon.getMarkers",
    method: "GET",
    paths: ["/api/v1/markers"],
    auth: "user",
    scopes: ["read:statuses"],
    input: z.object({ timeline: list(markerTimeline).optional() }),
    summary: "Your read markers (`notifications` adds Pleroma's `unread_count`).",
    handler: ({ viewer, input }) =>
      fromPort(async () => {
        const out: Record<string, Entity> = {};
        for (const timeline of input.timeline ?? ["home", "notifications"]) {
          const marker = host.markers.get(viewer!.id, timeline);
          if (marker) out[timeline] = await renderMarker(host, viewer!.id, timeline, marker);
        }
        return out;
      }),
  });

  const postMarkers = defineRoute({
    name: "mastodon.postMarkers",
    method: "POST",
    paths: ["/api/v1/markers"],
    auth: "user",
    scopes: ["write:statuses"],
    from: ["body"],
    input: z.preprocess(nestFormKeys, z.object({ home: markerBody, notifications: markerBody })),
    summary: "Sets read markers; answers the markers set.",
    handler: ({ viewer, input }) =>
      fromPort(async () => {
        const out: Record<string, Entity> = {};
        for (const timeline of ["home", "notifications"] as const) {
          const given = input[timeline];
          if (!given) continue;
          out[timeline] = await renderMarker(host, viewer!.id, timeline, host.markers.set(viewer!.id, timeline, given.last_read_id));
        }
        return out;
      }),
  });

  return [getMarkers, postMarkers];
}

/** Mastodon's Marker entity; the notifications marker carries Pleroma's unread count. */
async function renderMarker(host: Pick<ReferenceHost, "data">, userId: string, timeline: MarkerTimeline, marker: Marker): Promise<Entity> {
  return {
    last_read_id: marker.lastReadId,
    version: marker.version,
    updated_at: formatDate(marker.updatedAt),
    ...(timeline === "notifications" ? { pleroma: { unread_count: await unreadCount(host, userId) } } : {}),
  };
}

async function unreadCount(host: Pick<ReferenceHost, "data">, userId: string): Promise<number> {
  const rows = await host.data.notifications.list(userId, { limit: 1000 });
  return rows.filter((r) => !r.seen).length;
}

/** Form bodies carry `notifications[last_read_id]`; JSON carries nested objects. Both become nested. */
function nestFormKeys(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const m = /^(home|notifications)\[(last_read_id)\]$/.exec(key);
    if (!m) continue;
    out[m[1]!] = { ...((out[m[1]!] as Record<string, unknown> | undefined) ?? {}), [m[2]!]: v };
    delete out[key];
  }
  return out;
}
