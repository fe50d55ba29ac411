/** Per-account post notifications (Pleroma's subscribe/unsubscribe). */
import { z } from "zod";
import { idLike } from "../schema.js";
import { defineRoute, pleromaPaths } from "../route.js";
import { RelationshipSchema } from "../entity-schemas.js";

const target = z.object({ id: idLike() });

const subscribe = defineRoute({
  name: "subscriptions.subscribe",
  method: "POST",
  paths: pleromaPaths("/accounts/:id/subscribe"),
  auth: "user",
  scopes: ["follow", "write:follows"],
  from: ["path"],
  input: target,
  summary: "Get a notification for every new post of an account; answers the Relationship.",
  response: RelationshipSchema,
  errors: ["NOT_FOUND", "SUBSCRIBE_BLOCKED", "SUBSCRIBE_SELF", "HOST_FEATURE_MISSING"],
  calls: ["subscriptions.subscribe"],
  handler: ({ input, viewer, services }) => services.subscriptions.subscribe(viewer!.id, input.id),
});

const unsubscribe = defineRoute({
  name: "subscriptions.unsubscribe",
  method: "POST",
  paths: pleromaPaths("/accounts/:id/unsubscribe"),
  auth: "user",
  scopes: ["follow", "write:follows"],
  from: ["path"],
  input: target,
  summary: "Stop post notifications from an account (idempotent); answers the Relationship.",
  response: RelationshipSchema,
  errors: ["NOT_FOUND", "HOST_FEATURE_MISSING"],
  calls: ["subscriptions.unsubscribe"],
  handler: ({ input, viewer, services }) => services.subscriptions.unsubscribe(viewer!.id, input.id),
});

export const subscriptionRoutes = [subscribe, unsubscribe];
