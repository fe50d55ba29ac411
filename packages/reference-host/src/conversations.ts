/**
 * The reference host's side of the conversations slice (issue 6): the optional host ports for
 * favourites, subscriptions, relation imports and profile images over {@link HostData}, and the
 * status-posting hooks that resolve `in_reply_to_conversation_id` and report new statuses to the
 * library. `createReferenceHost` includes the ports; `mastodonRoutes` uses the hooks.
 */
import {
  fromPort,
  okAsync,
  type HostPorts,
  type IdPage,
  type Outcome,
  type RelationImportOutcome,
  type Services,
} from "@pleroma-kit/core";
import { compareIds } from "@pleroma-kit/core/store-kit";
import type { HostContext } from "./host-context.js";
import type { HostData, StatusRow } from "./host-data.js";
import type { HostRelations } from "./host/relations.js";
import type { MastodonRoutesOptions } from "./mastodon/options.js";
import { renderRelationships } from "./render-relationships.js";

/** Favourites read per HostData page while collecting a user's likes. */
const FAVOURITE_SCAN_PAGE = 500;

/** What {@link conversationHostPorts} needs of the host (a `ReferenceHost` has all of it). */
export interface ConversationPortsHost {
  readonly data: HostData;
  readonly context: Pick<HostContext, "baseUrl" | "localHost">;
  /** Relation imports go through these, so they notify and publish like the Mastodon endpoints. */
  readonly relations: Pick<HostRelations, "follow" | "block" | "mute">;
}

/**
 * Core's optional host ports for the reference host. HostData pages favourites by favourite id,
 * while Akkoma pages them by status id, so `favouritedStatusIds` reads the user's favourites and
 * orders them by status id: fine for a reference host, a real server would index (user, status).
 */
export function conversationHostPorts(host: ConversationPortsHost): Required<Pick<HostPorts, "favourites" | "subscriptions" | "relationImports" | "profileImages">> {
  const { data, context } = host;
  return {
    favourites: {
      async favouritedStatusIds(accountId: string, page: IdPage) {
        const statusIds: string[] = [];
        let maxId: string | undefined;
        for (;;) {
          const batch = await data.favourites.byUser(accountId, { limit: FAVOURITE_SCAN_PAGE, ...(maxId !== undefined ? { maxId } : {}) });
          statusIds.push(...batch.map((f) => f.statusId));
          if (batch.length < FAVOURITE_SCAN_PAGE) break;
          maxId = batch[batch.length - 1]!.favouriteId;
        }
        let kept = [...new Set(statusIds)].sort(compareIds);
        if (page.maxId !== undefined) kept = kept.filter((id) => compareIds(id, page.maxId!) < 0);
        if (page.sinceId !== undefined) kept = kept.filter((id) => compareIds(id, page.sinceId!) > 0);
        if (page.minId !== undefined) return kept.filter((id) => compareIds(id, page.minId!) > 0).slice(0, page.limit);
        return kept.reverse().slice(0, page.limit);
      },
      async hidesFavourites(accountId: string) {
        const user = await data.users.byId(accountId);
        return user ? user.hideFavorites : null;
      },
    },
    subscriptions: {
      async subscribe(readerId, targetId) {
        await data.relations.add("subscribe", readerId, targetId);
      },
      async unsubscribe(readerId, targetId) {
        await data.relations.remove("subscribe", readerId, targetId);
      },
      subscribersOf: (authorId) => data.relations.allTowards("subscribe", authorId),
      async follows(followerId, targetId) {
        return (await data.relations.among("follow", followerId, [targetId])).size > 0;
      },
      async relationship(viewerId, targetId) {
        const [entity] = await renderRelationships(data, viewerId, [targetId]);
        return entity!;
      },
    },
    relationImports: {
      async apply(kind, userId, identifier): Promise<RelationImportOutcome> {
        const target = await data.users.byNickname(localNickname(identifier, context.baseUrl, context.localHost));
        if (!target || !target.isActive) return "not_found";
        if (target.id === userId) return "failed";
        if (kind === "follow") await host.relations.follow(userId, target.id);
        else if (kind === "block") await host.relations.block(userId, target.id);
        else await host.relations.mute(userId, target.id);
        return "ok";
      },
    },
    profileImages: {
      async setImage(userId, kind, url) {
        await data.users.update(userId, kind === "avatar" ? { avatarUrl: url } : { headerUrl: url });
      },
    },
  };
}

/**
 * The nickname HostData knows for an import identifier: `nick`, `nick@<our host>` and our actor
 * URIs become `nick`; `nick@remote` stays as is (remote accounts are stored under that name).
 */
export function localNickname(identifier: string, baseUrl: string, localHost: string): string {
  const usersPrefix = `${baseUrl}/users/`;
  if (identifier.startsWith(usersPrefix)) return identifier.slice(usersPrefix.length);
  const at = identifier.lastIndexOf("@");
  if (at > 0 && identifier.slice(at + 1).toLowerCase() === localHost.toLowerCase()) return identifier.slice(0, at);
  return identifier;
}

/**
 * The posting hooks that connect the reference host's `POST /api/v1/statuses` to the library:
 * `in_reply_to_conversation_id` is resolved by core (direct, the participation's recipients, its
 * thread; another user's id is 404 and nothing is posted), and every stored status is reported to
 * core (participations, subscriber notifications). `mastodonRoutes` uses them by default.
 */
export function conversationHooks(services: Services): Required<Pick<MastodonRoutesOptions, "resolveAddressing" | "afterPost">> {
  return {
    resolveAddressing: ({ viewerId, conversationId }) =>
      services.conversations.resolveConversationAddressing(viewerId, conversationId).map((a) => ({
        mentionIds: a.to,
        contextId: a.context,
        visibility: a.visibility,
      })),
    afterPost: (row: StatusRow) =>
      services.statusEvents
        .onStatusCreated({
          id: row.id,
          authorId: row.authorId,
          visibility: row.visibility,
          context: row.contextId,
          inReplyToId: row.inReplyToId,
          recipientIds: row.mentionIds,
          createdAt: row.createdAt,
        })
        .map(() => undefined),
  };
}
