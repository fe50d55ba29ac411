import { okAsync } from "neverthrow";
import { defineRoute, pleromaPaths, Reply } from "../route.js";
import { EmojiMapSchema, HealthReportSchema } from "../entity-schemas.js";

const emojiMap = defineRoute({
  name: "instance.emoji",
  method: "GET",
  // akkoma-fe asks /api/v1/pleroma/emoji, pleroma-fe /api/pleroma/emoji.json.
  paths: [...pleromaPaths("/emoji"), "/api/pleroma/emoji.json"],
  auth: "none",
  summary: "The custom emoji map: shortcode -> {image_url, tags}.",
  response: EmojiMapSchema,
  calls: ["customEmoji.pleromaMap"],
  handler: ({ services }) => services.customEmoji.pleromaMap(),
});

const healthcheck = defineRoute({
  name: "instance.healthcheck",
  method: "GET",
  paths: pleromaPaths("/healthcheck"),
  auth: "none",
  summary: "Store health; 503 when unhealthy or disabled.",
  response: HealthReportSchema,
  calls: ["health.check"],
  handler: ({ services, config }) => {
    if (!config.instance.healthcheck) return okAsync(new Reply({}, 503));
    return services.health.check().map((report) => new Reply(report, report.healthy ? 200 : 503));
  },
});

export const instanceRoutes = [emojiMap, healthcheck];
