/**
 * The admin endpoints admin-fe needs around emoji packs: `reload_emoji` (called after every pack
 * change), and a read-only view of the configuration (the emoji group) with `need_reboot`, from
 * which admin-fe builds its Settings menu. Admin only, as in Akkoma; reads need `admin:read`,
 * the reload `admin:write`.
 */
import { z } from "zod";
import { defineRoute, pleromaPaths } from "../route.js";
import { OkSchema } from "../entity-schemas.js";

const READ = { auth: "admin", scopes: ["admin:read"] } as const;

const reloadEmoji = defineRoute({
  name: "admin.reloadEmoji",
  method: "POST",
  paths: pleromaPaths("/admin/reload_emoji"),
  auth: "admin",
  scopes: ["admin:write"],
  summary: 'Re-read the emoji packs (drops cached catalog and archive hashes); answers "ok".',
  response: OkSchema,
  calls: ["emojiPacks.reload"],
  handler: ({ services }) => services.emojiPacks.reload(),
});

const ConfigEntrySchema = z.object({ group: z.string(), key: z.string(), value: z.unknown(), db: z.array(z.string()) });

const config = defineRoute({
  name: "admin.config",
  method: "GET",
  paths: pleromaPaths("/admin/config"),
  ...READ,
  summary: "The settings the library applies, read-only: the `:pleroma, :emoji` group in Akkoma's shape.",
  response: z.object({ configs: z.array(ConfigEntrySchema), need_reboot: z.boolean() }),
  calls: ["adminConfig.config"],
  handler: ({ services }) => services.adminConfig.config(),
});

const descriptions = defineRoute({
  name: "admin.configDescriptions",
  method: "GET",
  paths: pleromaPaths("/admin/config/descriptions"),
  ...READ,
  summary: "What each setting of `admin/config` means, as admin-fe renders it.",
  response: z.array(z.object({ group: z.string(), key: z.string(), type: z.unknown(), description: z.string() }).passthrough()),
  calls: ["adminConfig.descriptions"],
  handler: ({ services }) => services.adminConfig.descriptions(),
});

const needReboot = defineRoute({
  name: "admin.needReboot",
  method: "GET",
  paths: pleromaPaths("/admin/need_reboot"),
  ...READ,
  summary: "Always false: configuration is code, nothing waits for a restart.",
  response: z.object({ need_reboot: z.boolean() }),
  calls: ["adminConfig.needReboot"],
  handler: ({ services }) => services.adminConfig.needReboot(),
});

export const adminRoutes = [reloadEmoji, config, descriptions, needReboot];
