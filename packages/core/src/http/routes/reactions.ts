import { z } from "zod";
import { booleanLike, idLike } from "../schema.js";
import { defineRoute, pleromaPaths } from "../route.js";
import { ReactionEntrySchema, StatusSchema } from "../entity-schemas.js";

const target = z.object({ id: idLike(), emoji: z.string().min(1).max(300) });

const react = defineRoute({
  name: "reactions.add",
  method: "PUT",
  paths: [...pleromaPaths("/statuses/:id/reactions/:emoji"), "/api/v1/statuses/:id/emoji_reactions/:emoji"],
  auth: "user",
  scopes: ["write:statuses"],
  from: ["path"],
  input: target,
  summary: "React to a status with a unicode or custom emoji; answers the Status.",
  response: StatusSchema,
  errors: ["NOT_FOUND", "REACTION_ADD_FAILED"],
  calls: ["reactions.react"],
  handler: ({ input, viewer, services }) => services.reactions.react(viewer!.id, input.id, input.emoji),
});

const unreact = defineRoute({
  name: "reactions.remove",
  method: "DELETE",
  paths: [...pleromaPaths("/statuses/:id/reactions/:emoji"), "/api/v1/statuses/:id/emoji_reactions/:emoji"],
  auth: "user",
  scopes: ["write:statuses"],
  from: ["path"],
  input: target,
  summary: "Remove your reaction; answers the Status.",
  response: StatusSchema,
  errors: ["NOT_FOUND", "REACTION_REMOVE_FAILED"],
  calls: ["reactions.unreact"],
  handler: ({ input, viewer, services }) => services.reactions.unreact(viewer!.id, input.id, input.emoji),
});

const listAll = defineRoute({
  name: "reactions.list",
  method: "GET",
  paths: pleromaPaths("/statuses/:id/reactions"),
  auth: "optional",
  scopes: ["read:statuses"],
  softScopes: true,
  from: ["path", "query"],
  input: z.object({ id: idLike(), with_muted: booleanLike().optional() }),
  summary: "List a status's reactions with the accounts that reacted.",
  response: z.array(ReactionEntrySchema),
  errors: ["NOT_FOUND"],
  calls: ["reactions.list"],
  handler: ({ input, viewer, services }) =>
    services.reactions.list(viewer?.id ?? null, input.id, { withMuted: input.with_muted ?? false }),
});

const listOne = defineRoute({
  name: "reactions.listByEmoji",
  method: "GET",
  paths: pleromaPaths("/statuses/:id/reactions/:emoji"),
  auth: "optional",
  scopes: ["read:statuses"],
  softScopes: true,
  from: ["path", "query"],
  input: target.extend({ with_muted: booleanLike().optional() }),
  summary: "List the accounts that reacted with one emoji (matched by stored name).",
  response: z.array(ReactionEntrySchema),
  errors: ["NOT_FOUND"],
  calls: ["reactions.list"],
  handler: ({ input, viewer, services }) =>
    services.reactions.list(viewer?.id ?? null, input.id, { emoji: input.emoji, withMuted: input.with_muted ?? false }),
});

export const reactionRoutes = [react, unreact, listAll, listOne];
