import { z } from "zod";
import { idLike } from "../schema.js";
import { linkHeader } from "../link-header.js";
import { defineRoute, pleromaPaths, Reply } from "../route.js";
import { pageFrom, pagingInput } from "./paging-input.js";
import { RelationshipSchema, StatusSchema } from "../entity-schemas.js";

const favourites = defineRoute({
  method: "GET",
  paths: pleromaPaths("/accounts/:id/favourites"),
  auth: "optional",
  scopes: ["read:favourites"],
  softScopes: true,
  from: ["path", "query"],
  input: z.object({ id: idLike(), ...pagingInput }),
  summary: "An account's favourited posts (only when it does not hide them), newest status first.",
  response: z.array(StatusSchema),
  errors: ["NOT_FOUND", "FAVOURITES_HIDDEN", "HOST_FEATURE_MISSING"],
  handler: ({ input, viewer, services, config, request }) =>
    services.favourites
      .list(viewer?.id ?? null, input.id, pageFrom(input))
      .map(
        (page) =>
          new Reply(
            page.statuses,
            200,
            linkHeader(config.baseUrl, request, page.bounds && { next: { max_id: page.bounds.oldest }, prev: { min_id: page.bounds.newest } }),
          ),
      ),
});

const target = z.object({ id: idLike() });

const subscribe = defineRoute({
  method: "POST",
  paths: pleromaPaths("/accounts/:id/subscribe"),
  auth: "user",
  scopes: ["follow", "write:follows"],
  from: ["path"],
  input: target,
  summary: "Get a notification for every new post of an account; answers the Relationship.",
  response: RelationshipSchema,
  errors: ["NOT_FOUND", "SUBSCRIBE_BLOCKED", "SUBSCRIBE_SELF", "HOST_FEATURE_MISSING"],
  handler: ({ input, viewer, services }) => services.subscriptions.subscribe(viewer!.id, input.id),
});

const unsubscribe = defineRoute({
  method: "POST",
  paths: pleromaPaths("/accounts/:id/unsubscribe"),
  auth: "user",
  scopes: ["follow", "write:follows"],
  from: ["path"],
  input: target,
  summary: "Stop post notifications from an account (idempotent); answers the Relationship.",
  response: RelationshipSchema,
  errors: ["NOT_FOUND", "HOST_FEATURE_MISSING"],
  handler: ({ input, viewer, services }) => services.subscriptions.unsubscribe(viewer!.id, input.id),
});

export const favouriteRoutes = [favourites, subscribe, unsubscribe];
