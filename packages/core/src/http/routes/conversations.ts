import { z } from "zod";
import { list, idLike } from "../schema.js";
import { linkHeader } from "../link-header.js";
import { defineRoute, pleromaPaths, Reply } from "../route.js";
import { integerId, pageFrom, pagingInput } from "./paging-input.js";
import { ConversationSchema, StatusSchema } from "../entity-schemas.js";

const byId = z.object({ id: integerId() });

const show = defineRoute({
  name: "conversations.show",
  method: "GET",
  paths: pleromaPaths("/conversations/:id"),
  auth: "user",
  scopes: ["read:statuses"],
  from: ["path"],
  input: byId,
  summary: "One of your conversations (participation), with `accounts`, `last_status` and `pleroma.recipients`.",
  response: ConversationSchema,
  errors: ["CONVERSATION_NOT_FOUND"],
  calls: ["conversations.get"],
  handler: ({ input, viewer, services }) => services.conversations.get(viewer!.id, input.id),
});

const statuses = defineRoute({
  name: "conversations.statuses",
  method: "GET",
  paths: pleromaPaths("/conversations/:id/statuses"),
  auth: "user",
  scopes: ["read:statuses"],
  from: ["path", "query"],
  input: byId.extend(pagingInput),
  summary: "The statuses of a conversation's thread you may see, oldest first; Link `next` pages to older ones.",
  response: z.array(StatusSchema),
  errors: ["CONVERSATION_NOT_FOUND"],
  calls: ["conversations.statuses"],
  handler: ({ input, viewer, services, config, request }) =>
    services.conversations.statuses(viewer!.id, input.id, pageFrom(input)).map(
      (page) =>
        new Reply(
          page.statuses,
          200,
          // The page is oldest first: `next` (older) starts below its oldest id, `prev` above its
          // newest. Akkoma computes these on the reversed list and points them the other way.
          linkHeader(config.baseUrl, request, page.bounds && { next: { max_id: page.bounds.oldest }, prev: { min_id: page.bounds.newest } }),
        ),
    ),
});

const update = defineRoute({
  name: "conversations.update",
  method: "PATCH",
  paths: pleromaPaths("/conversations/:id"),
  auth: "user",
  scopes: ["write:conversations"],
  // Akkoma reads `recipients` from the query string only (content.md 3.3).
  from: ["path", "query"],
  input: byId.extend({ recipients: list(idLike()) }),
  summary: "Replace a conversation's recipients (`recipients[]=` in the query); you always stay one.",
  response: ConversationSchema,
  errors: ["CONVERSATION_NOT_FOUND"],
  calls: ["conversations.updateRecipients"],
  handler: ({ input, viewer, services }) => services.conversations.updateRecipients(viewer!.id, input.id, input.recipients),
});

const readAll = defineRoute({
  name: "conversations.readAll",
  method: "POST",
  paths: pleromaPaths("/conversations/read"),
  auth: "user",
  scopes: ["write:conversations"],
  from: [],
  summary: "Mark all your conversations read; answers those that were unread.",
  response: z.array(ConversationSchema),
  calls: ["conversations.markAllRead"],
  handler: ({ viewer, services }) => services.conversations.markAllRead(viewer!.id),
});

export const conversationRoutes = [show, statuses, update, readAll];

/**
 * Mastodon's conversation endpoints over the same participations. Not in the library table: they
 * are Mastodon's paths, which a host may already serve; hosts that want ours (the demo does) pass
 * them through `extraRoutes`.
 */
export const mastodonConversationRoutes = [
  defineRoute({
    name: "conversations.mastodonList",
    method: "GET",
    paths: ["/api/v1/conversations"],
    auth: "user",
    scopes: ["read:statuses"],
    from: ["query"],
    input: z.object({ ...pagingInput, recipients: list(idLike()).optional() }),
    summary: "Your conversations, most recently updated first (`limit`, `offset`, `recipients[]`).",
    calls: ["conversations.list"],
    handler: ({ input, viewer, services }) =>
      services.conversations.list(viewer!.id, {
        ...(input.limit !== undefined ? { limit: input.limit } : {}),
        ...(input.offset !== undefined ? { offset: input.offset } : {}),
        ...(input.recipients !== undefined ? { recipients: input.recipients } : {}),
      }),
  }),
  defineRoute({
    name: "conversations.mastodonRead",
    method: "POST",
    paths: ["/api/v1/conversations/:id/read"],
    auth: "user",
    scopes: ["write:conversations"],
    from: ["path"],
    input: byId,
    summary: "Mark one conversation read (moves it up the list).",
    calls: ["conversations.markRead"],
    handler: ({ input, viewer, services }) => services.conversations.markRead(viewer!.id, input.id),
  }),
  defineRoute({
    name: "conversations.mastodonRemove",
    method: "DELETE",
    paths: ["/api/v1/conversations/:id"],
    auth: "user",
    scopes: ["write:conversations"],
    from: ["path"],
    input: byId,
    summary: "Remove one of your conversations; a new direct message re-creates it.",
    calls: ["conversations.remove"],
    handler: ({ input, viewer, services }) => services.conversations.remove(viewer!.id, input.id),
  }),
];
