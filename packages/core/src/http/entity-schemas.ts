/**
 * Response shapes of the Pleroma API, as zod schemas: routes name them in their `response` so
 * the OpenAPI document describes what a client gets, and tests parse real responses with them so
 * the document cannot drift from the code. Host-rendered entities (Account, Status, Notification,
 * Relationship) are loose: the host owns them, so only the fields the library relies on or adds
 * are required; the rest are listed as optional for documentation.
 */
import { z } from "zod";

const nullableString = () => z.string().nullable();

/** Where the named response shapes are kept; the OpenAPI generator turns each into a component. */
export const entityRegistry = z.registry<{ id: string; description: string }>();

/** Names a schema (private registry, not zod's global one, so loading core twice never clashes on an id). */
function entity<T extends z.ZodType>(id: string, description: string, schema: T): T {
  entityRegistry.add(schema, { id, description });
  return schema;
}

/** A Mastodon Account as the host renders it. */
export const AccountSchema = entity("Account", "A Mastodon Account, rendered by the host.", z.looseObject({
  id: z.string(),
  username: z.string().optional(),
  acct: z.string().optional(),
  display_name: z.string().optional(),
  url: z.string().optional(),
  avatar: z.string().optional(),
  header: z.string().optional(),
  locked: z.boolean().optional(),
  note: z.string().optional(),
  created_at: z.string().optional(),
  pleroma: z.looseObject({}).optional(),
}));

/** A reaction as embedded in a Status (`emoji_reactions`, `pleroma.emoji_reactions`). */
export const EmojiReactionSchema = entity("EmojiReaction", "A reaction as embedded in a Status; `url` is set for custom emoji.", z.object({
  name: z.string(),
  count: z.number().int(),
  me: z.boolean(),
  url: nullableString(),
  account_ids: z.array(z.string()),
}));

/** The Status fields the host renders (all but the library's reaction fields). */
const hostStatusFields = {
  id: z.string(),
  created_at: z.string().optional(),
  content: z.string().optional(),
  visibility: z.string().optional(),
  uri: z.string().optional(),
  url: nullableString().optional(),
  account: AccountSchema.optional(),
  in_reply_to_id: nullableString().optional(),
};
const hostPleromaFields = {
  conversation_id: z.union([z.string(), z.number()]).optional(),
  direct_conversation_id: z.union([z.string(), z.number()]).nullable().optional(),
};

/**
 * A Status as the host's `statuses.render` returns it, before pleroma-kit adds `emoji_reactions`
 * and `pleroma.emoji_reactions`: check a host's own status JSON with this, not `StatusSchema`.
 */
export const HostStatusSchema = z.looseObject({ ...hostStatusFields, pleroma: z.looseObject(hostPleromaFields).optional() });

/** A Mastodon Status, rendered by the host, with the library's reaction fields. */
export const StatusSchema = entity("Status", "A Mastodon Status rendered by the host, with `emoji_reactions` added by pleroma-kit.", z.looseObject({
  ...hostStatusFields,
  emoji_reactions: z.array(EmojiReactionSchema),
  pleroma: z.looseObject({ emoji_reactions: z.array(EmojiReactionSchema), ...hostPleromaFields }),
}));

/** One entry of `GET .../reactions`: the emoji with the accounts that reacted with it. */
export const ReactionEntrySchema = entity("ReactionEntry", "An emoji with the accounts that reacted with it, oldest emoji first.", z.object({
  name: z.string(),
  count: z.number().int(),
  me: z.boolean(),
  url: nullableString(),
  accounts: z.array(AccountSchema),
}));

/** Pleroma's custom emoji map: shortcode -> image and tags. */
export const EmojiMapSchema = entity("EmojiMap", "shortcode -> {image_url, tags}.", z.record(z.string(), z.object({ image_url: z.string(), tags: z.array(z.string()) })));

/** A pack's pack.json metadata (license, homepage, description, fallback-src, share-files...). */
export const PackMetaSchema = entity("PackMeta", "A pack's metadata from its pack.json, plus can-download and download-sha256.", z.looseObject({
  license: z.string().optional(),
  homepage: z.string().optional(),
  description: z.string().optional(),
  "fallback-src": z.string().optional(),
  "fallback-src-sha256": z.string().optional(),
  "share-files": z.boolean().optional(),
  "can-download": z.boolean().optional(),
  "download-sha256": z.string().optional(),
}));

/** An emoji pack's files: shortcode -> file path inside the pack. */
export const PackFilesSchema = entity("PackFiles", "shortcode -> file name.", z.record(z.string(), z.string()));

/** One pack as list and show render it. */
export const PackSchema = entity("Pack", "A pack: a page of its files, the total file count and its metadata.", z.object({ files: PackFilesSchema, files_count: z.number().int(), pack: PackMetaSchema }));

/** The local pack list. */
export const PackListSchema = entity("PackList", "A page of packs by name, and the total count.", z.object({ count: z.number().int(), packs: z.record(z.string(), PackSchema) }));

/** A Pleroma conversation (a participation), with `pleroma.recipients`. */
export const ConversationSchema = entity("Conversation", "A conversation: the other participants, the last visible direct status and every recipient.", z.object({
  id: z.string(),
  unread: z.boolean(),
  accounts: z.array(AccountSchema),
  last_status: StatusSchema.nullable(),
  pleroma: z.object({ recipients: z.array(AccountSchema) }),
}));

/** A user backup archive. */
export const BackupSchema = entity("Backup", "A backup archive; `url` is a capability URL that works until the backup expires.", z.object({
  id: z.number().int(),
  content_type: z.string(),
  url: z.string(),
  file_size: z.number().int(),
  processed: z.boolean(),
  processed_number: z.number().int().nonnegative(),
  inserted_at: z.string(),
  state: z.string(),
}));

/** A Mastodon Notification, rendered by the host. */
export const NotificationSchema = entity("Notification", "A Mastodon Notification, rendered by the host.", z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  created_at: z.string().optional(),
  account: AccountSchema.optional(),
  status: StatusSchema.optional(),
  pleroma: z.looseObject({ is_seen: z.boolean().optional() }).optional(),
}));

/** A Mastodon Relationship, rendered by the host, with Pleroma's `subscribing`. */
export const RelationshipSchema = entity("Relationship", "A Mastodon Relationship, rendered by the host.", z.looseObject({
  id: z.string(),
  following: z.boolean().optional(),
  followed_by: z.boolean().optional(),
  blocking: z.boolean().optional(),
  muting: z.boolean().optional(),
  subscribing: z.boolean().optional(),
  notifying: z.boolean().optional(),
  requested: z.boolean().optional(),
}));

/** A Listen activity (scrobble). */
export const ScrobbleSchema = entity("Scrobble", "A Listen activity: what an account listened to.", z.object({
  id: z.string(),
  account: AccountSchema,
  created_at: z.string(),
  title: z.string(),
  artist: nullableString(),
  album: nullableString(),
  length: z.number().int().nullable(),
}));

/** A Mastodon media attachment (the mascot). */
export const AttachmentSchema = entity("Attachment", "A media attachment.", z.looseObject({
  id: z.string(),
  url: z.string(),
  type: z.string(),
  pleroma: z.looseObject({ mime_type: z.string() }).optional(),
}));

/** An import job and its per-result counts. */
export const ImportJobSchema = entity("ImportJob", "An import job: its state and how many rows ended in each result.", z.object({
  id: z.string(),
  type: z.string(),
  state: z.string(),
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  created_at: z.string(),
  finished_at: nullableString(),
}));

/** The healthcheck report. */
export const HealthReportSchema = entity("HealthReport", "Store and job health; `{}` when the healthcheck is disabled.", z.object({
  pool_size: z.number(),
  active: z.number(),
  idle: z.number(),
  memory_used: z.number(),
  healthy: z.boolean(),
  job_queue_stats: z.record(z.string(), z.number()),
}));

/** Every error body: `{"error": "..."}` (some routes add fields, e.g. `identifier`). */
export const ErrorBodySchema = entity("Error", 'An expected failure: `{"error": "<Akkoma\'s text>"}`.', z.looseObject({ error: z.string() }));

/** The plain `"ok"` several pack endpoints answer. */
export const OkSchema = entity("Ok", 'The JSON string "ok".', z.literal("ok"));

/** Every named entity schema, for the OpenAPI document's components. */
export const entitySchemas = [
  AccountSchema,
  EmojiReactionSchema,
  StatusSchema,
  ReactionEntrySchema,
  EmojiMapSchema,
  PackMetaSchema,
  PackFilesSchema,
  PackSchema,
  PackListSchema,
  ConversationSchema,
  BackupSchema,
  NotificationSchema,
  RelationshipSchema,
  ScrobbleSchema,
  AttachmentSchema,
  ImportJobSchema,
  HealthReportSchema,
  ErrorBodySchema,
  OkSchema,
] as const;
