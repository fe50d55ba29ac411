/** Paged lists: the query fields, the host's page, and the list reply with its `Link` header. */
import { Reply, schema, type Outcome, type Services } from "@pleroma-kit/core";
import type { PageQuery, StatusRow } from "../host-data.js";
import { linkHeader } from "../link-header.js";

const { idLike, intLike } = schema;

/** The paging fields of a list query. */
export const pageInput = {
  max_id: idLike().optional(),
  since_id: idLike().optional(),
  min_id: idLike().optional(),
  limit: intLike().optional(),
};

/** The host's page for parsed paging input: `limit` defaults to 20 and is clamped to 1..`max`. */
export function pageOf(input: { max_id?: string; since_id?: string; min_id?: string; limit?: number }, max = 40): PageQuery {
  return {
    ...(input.max_id !== undefined ? { maxId: input.max_id } : {}),
    ...(input.since_id !== undefined ? { sinceId: input.since_id } : {}),
    ...(input.min_id !== undefined ? { minId: input.min_id } : {}),
    limit: Math.min(Math.max(input.limit ?? 20, 1), max),
  };
}

/** A page of statuses rendered through core (so they carry `emoji_reactions`), with the `Link` header. */
export function renderStatusList(
  deps: { services: Services; baseUrl: string },
  rows: readonly StatusRow[],
  viewerId: string | null,
  request: Request,
): Outcome<Reply> {
  return deps.services.statuses.render(rows.map((r) => r.id), viewerId).map((map) => {
    const items = rows.flatMap((r) => {
      const e = map.get(r.id);
      return e ? [e] : [];
    });
    return new Reply(items, 200, linkHeader(deps.baseUrl, request, rows.map((r) => r.id)));
  });
}
