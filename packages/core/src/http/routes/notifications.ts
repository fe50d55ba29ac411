/** Pleroma's notification read marker. */
import { z } from "zod";
import { idLike } from "../schema.js";
import { defineRoute, pleromaPaths } from "../route.js";
import { NotificationSchema } from "../entity-schemas.js";

const notificationsRead = defineRoute({
  name: "notifications.read",
  method: "POST",
  paths: pleromaPaths("/notifications/read"),
  auth: "user",
  scopes: ["write:notifications"],
  from: ["body"],
  input: z
    .object({ id: idLike().optional(), max_id: idLike().optional() })
    .refine((v) => v.id !== undefined || v.max_id !== undefined, { message: "Missing field: id or max_id", path: ["id"] }),
  summary: "Mark one notification (`id`) or all up to `max_id` as read.",
  response: z.union([NotificationSchema, z.array(NotificationSchema)]),
  errors: ["NOTIFICATION_NOT_FOUND"],
  calls: ["notifications.markOne", "notifications.markUpTo"],
  handler: ({ input, viewer, services }) =>
    input.id !== undefined
      ? services.notifications.markOne(viewer!.id, input.id)
      : services.notifications.markUpTo(viewer!.id, input.max_id!),
});

export const notificationRoutes = [notificationsRead];
