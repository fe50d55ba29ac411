import { okAsync } from "neverthrow";
import { z } from "zod";
import { idLike } from "../schema.js";
import { defineRoute, pleromaPaths, Reply } from "../route.js";
import { EmojiMapSchema, HealthReportSchema, NotificationSchema } from "../entity-schemas.js";

const emojiMap = defineRoute({
  method: "GET",
  // akkoma-fe asks /api/v1/pleroma/emoji, pleroma-fe /api/pleroma/emoji.json.
  paths: [...pleromaPaths("/emoji"), "/api/pleroma/emoji.json"],
  auth: "none",
  summary: "The custom emoji map: shortcode -> {image_url, tags}.",
  response: EmojiMapSchema,
  handler: ({ services }) => services.customEmoji.pleromaMap(),
});

const healthcheck = defineRoute({
  method: "GET",
  paths: pleromaPaths("/healthcheck"),
  auth: "none",
  summary: "Store health; 503 when unhealthy or disabled.",
  response: HealthReportSchema,
  handler: ({ services, config }) => {
    if (!config.instance.healthcheck) return okAsync(new Reply({}, 503));
    return services.health.check().map((report) => new Reply(report, report.healthy ? 200 : 503));
  },
});

const notificationsRead = defineRoute({
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
  handler: ({ input, viewer, services }) =>
    input.id !== undefined
      ? services.notifications.markOne(viewer!.id, input.id)
      : services.notifications.markUpTo(viewer!.id, input.max_id!),
});

export const instanceRoutes = [emojiMap, healthcheck, notificationsRead];
