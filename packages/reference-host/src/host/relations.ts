/** Follows, blocks and mutes between accounts, with Mastodon's side effects. */
import type { Entity, HostRelationships } from "@pleroma-kit/core";
import type { HostContext } from "../host-context.js";
import { renderRelationships } from "../render-relationships.js";
import type { Publisher } from "./activities.js";
import { plainNotification, type NotifyFn } from "./notify.js";

/** The host's `relations`. */
export interface HostRelations {
  /** Follows (or requests to follow a locked account); `notify` subscribes to new posts. */
  follow(fromId: string, toId: string, opts?: { notify?: boolean }): Promise<void>;
  unfollow(fromId: string, toId: string): Promise<void>;
  /** Blocks, and ends follows both ways, as Mastodon does. */
  block(fromId: string, toId: string): Promise<void>;
  unblock(fromId: string, toId: string): Promise<void>;
  mute(fromId: string, toId: string): Promise<void>;
  unmute(fromId: string, toId: string): Promise<void>;
  /** Relationship entities from `viewerId` to each of `ids`. */
  render(viewerId: string, accountIds: readonly string[]): Promise<Entity[]>;
}

export function createRelations(deps: Pick<HostContext, "data"> & { notify: NotifyFn; publisher: Pick<Publisher, "publish" | "activityId"> }): HostRelations {
  const { data, notify } = deps;
  const { publish, activityId } = deps.publisher;
  return {
    async follow(fromId, toId, opts = {}) {
      const target = await data.users.byId(toId);
      if (!target) return;
      const already = (await data.relations.among("follow", fromId, [toId])).size > 0;
      if (!already) {
        const kind = target.isLocked ? "follow_request" : "follow";
        if (await data.relations.add(kind, fromId, toId)) {
          await notify(plainNotification(toId, kind, fromId));
          await publish({ type: "Follow", id: activityId(), actorId: fromId, object: toId, to: [toId], cc: [] });
        }
      }
      if (opts.notify === true) await data.relations.add("subscribe", fromId, toId);
      if (opts.notify === false) await data.relations.remove("subscribe", fromId, toId);
    },
    async unfollow(fromId, toId) {
      const removed = await data.relations.remove("follow", fromId, toId);
      await data.relations.remove("follow_request", fromId, toId);
      await data.relations.remove("subscribe", fromId, toId);
      if (removed) await publish({ type: "Undo", id: activityId(), actorId: fromId, object: { type: "Follow", object: toId }, to: [toId], cc: [] });
    },
    async block(fromId, toId) {
      await data.relations.add("block", fromId, toId);
      for (const [a, b] of [[fromId, toId], [toId, fromId]] as const) {
        await data.relations.remove("follow", a, b);
        await data.relations.remove("follow_request", a, b);
        await data.relations.remove("subscribe", a, b);
      }
      await publish({ type: "Block", id: activityId(), actorId: fromId, object: toId, to: [toId], cc: [] });
    },
    async unblock(fromId, toId) {
      await data.relations.remove("block", fromId, toId);
    },
    async mute(fromId, toId) {
      await data.relations.add("mute", fromId, toId);
    },
    async unmute(fromId, toId) {
      await data.relations.remove("mute", fromId, toId);
    },
    render: (viewerId, accountIds) => renderRelationships(data, viewerId, accountIds),
  };
}

/** Core's `relationships` port: the accounts a viewer blocks or (unless `includeMuted`) mutes. */
export function createHiddenFor(deps: Pick<HostContext, "data">): HostRelationships["hiddenFor"] {
  const { data } = deps;
  return async (viewerId, accountIds, { includeMuted }) => {
    const edges = await data.relations.between(viewerId, accountIds, includeMuted ? ["block"] : ["block", "mute"]);
    return new Set(edges.filter((e) => e.fromId === viewerId).map((e) => e.toId));
  };
}
