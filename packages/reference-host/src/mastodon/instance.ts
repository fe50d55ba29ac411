/** What the instance says about itself: `/api/v1/instance`, nodeinfo and the custom emoji list. */
import { defineRoute, fromPort, okAsync, type RouteDefinition } from "@pleroma-kit/core";
import type { MastodonRouteDeps } from "./deps.js";
import { MAX_STATUS_CHARS } from "./statuses.js";

/** The API compatibility string clients parse: megalodon and the front ends look for "Pleroma". */
export const INSTANCE_VERSION = "2.7.2 (compatible; Pleroma 2.6.0+pleroma-kit)";
/** Poll limits as nodeinfo spells them. */
const POLL_LIMITS = { max_options: 20, max_option_chars: 200, min_expiration: 0, max_expiration: 31536000 };

/** What the reference host supports, as `pleroma.metadata.features`. */
export const BASE_FEATURES = ["pleroma_api", "mastodon_api", "pleroma_emoji_reactions", "exposable_reactions", "pleroma:api/v1/notifications:include_types_filter"];

export function instanceRoutes({ host, options }: Pick<MastodonRouteDeps, "host" | "options">): RouteDefinition[] {
  const { baseUrl } = host.context;
  const data = host.data;
  const features = [...BASE_FEATURES, ...(options.instance?.features ?? [])];
  const title = options.instance?.title ?? "pleroma-kit";
  const description = options.instance?.description ?? "A pleroma-kit demo instance";

  const customEmojis = defineRoute({
    name: "mastodon.customEmojis",
    method: "GET",
    paths: ["/api/v1/custom_emojis"],
    auth: "none",
    summary: "Mastodon's custom emoji list (an array).",
    handler: ({ services: s }) => s.customEmoji.mastodonList(),
  });

  const instance = defineRoute({
    name: "mastodon.instance",
    method: "GET",
    paths: ["/api/v1/instance"],
    auth: "none",
    summary: "Instance metadata with Pleroma's `pleroma.metadata.features`.",
    handler: ({ config }) =>
      fromPort(() => data.users.count()).map((userCount) => ({
        uri: host.context.localHost,
        title,
        short_description: description,
        description,
        email: options.instance?.email ?? "",
        version: INSTANCE_VERSION,
        urls: { streaming_api: baseUrl.replace(/^http/, "ws") },
        stats: { user_count: userCount, status_count: 0, domain_count: 0 },
        thumbnail: `${baseUrl}/instance/thumbnail.jpeg`,
        languages: ["en"],
        registrations: options.instance?.registrations ?? true,
        approval_required: false,
        invites_enabled: false,
        max_toot_chars: MAX_STATUS_CHARS,
        max_media_attachments: 0,
        poll_limits: { max_options: 20, max_option_chars: 200, min_expiration: 0, max_expiration: 31536000 },
        upload_limit: config.instance.uploadLimit,
        avatar_upload_limit: 2_000_000,
        background_upload_limit: 4_000_000,
        banner_upload_limit: 4_000_000,
        background_image: `${baseUrl}/images/city.jpg`,
        rules: [],
        configuration: {
          statuses: { max_characters: MAX_STATUS_CHARS, max_media_attachments: 0 },
          polls: { max_options: 20, max_characters_per_option: 200, min_expiration: 0, max_expiration: 31536000 },
        },
        pleroma: {
          metadata: {
            account_activation_required: false,
            birthday_required: false,
            features,
            federation: { enabled: false },
            fields_limits: { max_fields: 10, max_remote_fields: 20, name_length: 512, value_length: 2048 },
            post_formats: ["text/plain"],
            privileged_staff: false,
          },
          stats: { mau: 0 },
          vapid_public_key: null,
        },
      })),
  });

  const wellKnownNodeinfo = defineRoute({
    name: "mastodon.wellKnownNodeinfo",
    method: "GET",
    paths: ["/.well-known/nodeinfo"],
    auth: "none",
    summary: "Links to nodeinfo 2.0 and 2.1 (megalodon detects Pleroma from it; pleroma-fe reads 2.1).",
    handler: () =>
      okAsync({
        links: [
          { rel: "http://nodeinfo.diaspora.software/ns/schema/2.0", href: `${baseUrl}/nodeinfo/2.0.json` },
          { rel: "http://nodeinfo.diaspora.software/ns/schema/2.1", href: `${baseUrl}/nodeinfo/2.1.json` },
        ],
      }),
  });

  const nodeinfoDocument = (version: "2.0" | "2.1") =>
    defineRoute({
      name: version === "2.0" ? "mastodon.nodeinfo" : "mastodon.nodeinfo21",
      method: "GET",
      paths: [`/nodeinfo/${version}.json`],
      auth: "none",
      summary: `Nodeinfo ${version}: software \`pleroma\`, and the limits and features the front ends read from \`metadata\`.`,
      handler: ({ config }) =>
        fromPort(() => data.users.count()).map((users) => ({
          version,
          software: { name: "pleroma", version: "2.6.0+pleroma-kit", ...(version === "2.1" ? { repository: "https://github.com/pleroma-kit/pleroma-kit" } : {}) },
          protocols: ["activitypub"],
          services: { inbound: [], outbound: [] },
          openRegistrations: options.instance?.registrations ?? true,
          usage: { users: { total: users, activeMonth: users, activeHalfyear: users }, localPosts: 0 },
          metadata: {
            nodeName: title,
            nodeDescription: description,
            features,
            federation: { enabled: false },
            postFormats: ["text/plain"],
            // pleroma-fe shows these on the About panel and bounds its forms with them.
            uploadLimits: { general: config.instance.uploadLimit, avatar: 2_000_000, banner: 4_000_000, background: 4_000_000 },
            pollLimits: POLL_LIMITS,
            fieldsLimits: { maxFields: 10, maxRemoteFields: 20, nameLength: 512, valueLength: 2048 },
            accountActivationRequired: false,
            invitesEnabled: false,
            mailerEnabled: false,
            private: false,
            restrictedNicknames: [],
            skipThreadContainment: true,
            staffAccounts: [],
            suggestions: { enabled: false },
            localBubbleInstances: [],
            publicTimelineVisibility: { local: true, federated: true, bubble: false },
          },
        })),
    });

  return [customEmojis, instance, wellKnownNodeinfo, nodeinfoDocument("2.0"), nodeinfoDocument("2.1")];
}
