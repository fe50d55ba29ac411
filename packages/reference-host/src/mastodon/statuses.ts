/** Statuses: posting (replies, mentions, conversation replies), showing, deleting, favouriting. */
import { z } from "zod";
import { defineRoute, errAsync, fromPort, okAsync, schema, type Entity, type Outcome, type RouteDefinition, type Visibility } from "@pleroma-kit/core";
import type { StatusRow } from "../host-data.js";
import type { MastodonRouteDeps } from "./deps.js";
import { invalid, notFound } from "./errors.js";
import { visibleStatus } from "./lookups.js";
import type { Addressing } from "./options.js";

const { booleanLike, idLike, list, text } = schema;

/** The largest status text accepted (Pleroma's default `limit`). */
export const MAX_STATUS_CHARS = 5000;

const VISIBILITIES = ["public", "unlisted", "private", "direct", "local"] as const;

export function statusRoutes({ host, services, options }: MastodonRouteDeps): RouteDefinition[] {
  /**
   * A single-status response (post, show, delete): carries the viewer's participation id for the
   * status's thread as `pleroma.direct_conversation_id` (content.md 3.1); lists leave it null.
   */
  const renderSingle = (id: string, viewerId: string | null): Outcome<Entity> =>
    services.statuses.renderOne(id, viewerId).andThen((entity) => {
      if (!viewerId) return okAsync(entity);
      return fromPort(() => host.data.statuses.byId(id)).andThen((row) =>
        row
          ? services.conversations.directConversationId(viewerId, row.contextId).map((participationId) => ({
              ...entity,
              pleroma: { ...((entity.pleroma ?? {}) as Entity), direct_conversation_id: participationId },
            }))
          : okAsync(entity),
      );
    });

  const postStatus = defineRoute({
    name: "mastodon.postStatus",
    method: "POST",
    paths: ["/api/v1/statuses"],
    auth: "user",
    scopes: ["write:statuses"],
    from: ["body"],
    input: z.object({
      status: text().optional(),
      visibility: z.enum(VISIBILITIES).optional(),
      in_reply_to_id: idLike().optional().nullable(),
      in_reply_to_conversation_id: idLike().optional().nullable(),
      spoiler_text: text().max(MAX_STATUS_CHARS).optional(),
      sensitive: booleanLike().optional(),
      media_ids: list(idLike()).optional(),
      content_type: text().optional(),
      language: text().optional().nullable(),
    }),
    summary: "Posts a status (all visibilities, replies, @mentions, conversation replies).",
    handler: ({ viewer, input }) => {
      const body = input.status ?? "";
      if (body.trim() === "") return errAsync(invalid("Cannot post an empty status without attachments", 422));
      if ([...body].length > MAX_STATUS_CHARS) return errAsync(invalid("The status is over the character limit", 422));
      if ((input.media_ids?.length ?? 0) > 0) return errAsync(invalid("Media attachments are not supported by the reference host", 422));
      const viewerId = viewer!.id;
      const parent: Outcome<StatusRow | null> = input.in_reply_to_id ? visibleStatus(host, input.in_reply_to_id, viewerId) : okAsync(null);
      return parent.andThen((parentRow) => {
        const addressing: Outcome<Addressing | null> =
          input.in_reply_to_conversation_id && options.resolveAddressing
            ? options.resolveAddressing({ viewerId, conversationId: input.in_reply_to_conversation_id, inReplyToId: parentRow?.id ?? null })
            : okAsync(null);
        return addressing.andThen((addr) => {
          const visibility: Visibility = addr?.visibility ?? input.visibility ?? inheritVisibility(parentRow);
          return fromPort(() =>
            host.statuses.post({
              authorId: viewerId,
              content: body,
              visibility,
              inReplyToId: parentRow?.id ?? null,
              spoilerText: input.spoiler_text ?? "",
              sensitive: input.sensitive ?? false,
              ...(addr ? { addressOnly: addr.mentionIds, ...(addr.contextId ? { contextId: addr.contextId } : {}) } : {}),
            }),
          )
            .andThen((row) => (options.afterPost ? options.afterPost(row).map(() => row) : okAsync(row)))
            .andThen((row) => renderSingle(row.id, viewerId));
        });
      });
    },
  });

  const showStatus = defineRoute({
    name: "mastodon.showStatus",
    method: "GET",
    paths: ["/api/v1/statuses/:id"],
    auth: "optional",
    scopes: ["read:statuses"],
    softScopes: true,
    input: z.object({ id: idLike() }),
    summary: "A status the caller may see.",
    handler: ({ viewer, input }) => renderSingle(input.id, viewer?.id ?? null),
  });

  const deleteStatus = defineRoute({
    name: "mastodon.deleteStatus",
    method: "DELETE",
    paths: ["/api/v1/statuses/:id"],
    auth: "user",
    scopes: ["write:statuses"],
    from: ["path"],
    input: z.object({ id: idLike() }),
    summary: "Deletes your status (staff: any); answers it with its source `text` for redrafting.",
    handler: ({ viewer, input }) =>
      renderSingle(input.id, viewer!.id).andThen((entity) =>
        fromPort(() => host.statuses.delete(input.id, viewer!.id)).andThen((row) =>
          row ? okAsync({ ...entity, text: row.content }) : errAsync(notFound()),
        ),
      ),
  });

  const favouriteRoute = (action: "favourite" | "unfavourite") =>
    defineRoute({
      name: `mastodon.${action}`,
      method: "POST",
      paths: [`/api/v1/statuses/:id/${action}`],
      auth: "user",
      scopes: ["write:favourites"],
      from: ["path"],
      input: z.object({ id: idLike() }),
      summary: `${action === "favourite" ? "Favourites" : "Unfavourites"} a status you can see; answers the Status.`,
      handler: ({ viewer, input }) =>
        visibleStatus(host, input.id, viewer!.id).andThen((row) =>
          fromPort(() => host.statuses[action](viewer!.id, row.id)).andThen(() => services.statuses.renderOne(row.id, viewer!.id)),
        ),
    });

  return [postStatus, showStatus, deleteStatus, favouriteRoute("favourite"), favouriteRoute("unfavourite")];
}

/** A reply inherits a direct or private parent's visibility; anything else defaults to public. */
function inheritVisibility(parent: StatusRow | null): Visibility {
  if (parent && (parent.visibility === "direct" || parent.visibility === "private")) return parent.visibility;
  return "public";
}
