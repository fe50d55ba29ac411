import type { Entity } from "@pleroma-kit/core";
import type { HostData, RelationKind } from "./host-data.js";

/**
 * Renders Relationship entities (content.md 5.3) from `viewerId` to each of `ids`, one batch.
 * Carries both `subscribing` and `notifying` (megalodon reads `notifying`); `blocked_by` and
 * `endorsed` are always false, as in Akkoma.
 */
export async function renderRelationships(data: HostData, viewerId: string, ids: readonly string[]): Promise<Entity[]> {
  // Every relation between the viewer and `ids` in one look-up, sorted by direction and kind here.
  const edges = await data.relations.between(viewerId, ids, ["follow", "block", "mute", "subscribe", "follow_request"]);
  const from = (kind: RelationKind) => new Set(edges.filter((e) => e.kind === kind && e.fromId === viewerId).map((e) => e.toId));
  const to = (kind: RelationKind) => new Set(edges.filter((e) => e.kind === kind && e.toId === viewerId).map((e) => e.fromId));
  const [following, followedBy, blocking, muting, subscribing, requested, requestedBy] = [
    from("follow"),
    to("follow"),
    from("block"),
    from("mute"),
    from("subscribe"),
    from("follow_request"),
    to("follow_request"),
  ];
  return ids.map((id) => ({
    id,
    following: following.has(id),
    followed_by: followedBy.has(id),
    blocking: blocking.has(id),
    blocked_by: false,
    muting: muting.has(id),
    muting_notifications: muting.has(id),
    subscribing: subscribing.has(id),
    notifying: subscribing.has(id),
    requested: requested.has(id),
    requested_by: requestedBy.has(id),
    domain_blocking: false,
    showing_reblogs: true,
    endorsed: false,
    note: "",
  }));
}
