import type { Entity } from "@pleroma-kit/core";
import type { HostData } from "./host-data.js";

/**
 * Renders Relationship entities (content.md 5.3) from `viewerId` to each of `ids`, one batch.
 * Carries both `subscribing` and `notifying` (megalodon reads `notifying`); `blocked_by` and
 * `endorsed` are always false, as in Akkoma.
 */
export async function renderRelationships(data: HostData, viewerId: string, ids: readonly string[]): Promise<Entity[]> {
  const r = data.relations;
  const [following, followedBy, blocking, muting, subscribing, requested, requestedBy] = await Promise.all([
    r.among("follow", viewerId, ids),
    r.towards("follow", ids, viewerId),
    r.among("block", viewerId, ids),
    r.among("mute", viewerId, ids),
    r.among("subscribe", viewerId, ids),
    r.among("follow_request", viewerId, ids),
    r.towards("follow_request", ids, viewerId),
  ]);
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
