/**
 * The Mastodon endpoints a demo server needs so megalodon, pleroma-fe and akkoma-fe can run
 * against the reference host (clients.md, last section). They run through core's pipeline
 * (`createPleromaKit({ extraRoutes: (s) => mastodonRoutes(host, s) })`), so auth, parsing and
 * errors behave exactly like the library's own routes, and every Status goes through
 * `services.statuses.render` (which adds `emoji_reactions`).
 *
 * One module per area, each a function from its dependencies to its routes; this one composes
 * them. A new area is a new module and one line in {@link mastodonRoutes}.
 */
import { accountSecurityGuards } from "@pleroma-kit/core/internal";
import { type Outcome, type RouteDefinition, type Services } from "@pleroma-kit/core";
import { mfaBeforeTokenIssue } from "../account-security.js";
import { conversationHooks } from "../conversations.js";
import type { ReferenceHost } from "../reference-host.js";
import { accountListRoutes } from "./account-lists.js";
import { accountRoutes } from "./accounts.js";
import { adminRoutes } from "./admin.js";
import { defaultImageRoutes } from "./default-images.js";
import { placeholderRoutes } from "./fe-placeholders.js";
import { oauthTokenRoutes } from "./oauth-tokens.js";
import { threadRoutes } from "./threads.js";
import { updateCredentialsRoutes } from "./update-credentials.js";
import { appRoutes } from "./apps.js";
import type { MastodonRouteDeps } from "./deps.js";
import { instanceRoutes } from "./instance.js";
import { markerRoutes } from "./markers.js";
import { notificationRoutes } from "./notifications.js";
import { oauthRoutes } from "./oauth.js";
import type { MastodonRoutesOptions } from "./options.js";
import { relationshipRoutes } from "./relationships.js";
import { statusRoutes } from "./statuses.js";
import { timelineRoutes } from "./timelines.js";

export type { Addressing, MastodonRoutesOptions } from "./options.js";
export type { MastodonRouteDeps } from "./deps.js";
export { oauthTokenJson, type IssuedToken } from "./oauth.js";
export { BASE_FEATURES, INSTANCE_VERSION } from "./instance.js";
export { MAX_STATUS_CHARS } from "./statuses.js";

/**
 * The Mastodon routes of the reference host, for `createPleromaKit({ extraRoutes })`. Also points
 * the host's library readers (status rendering in notifications, notification settings) at the
 * kit's services.
 */
export function mastodonRoutes(host: ReferenceHost, services: Services, overrides: MastodonRoutesOptions = {}): RouteDefinition[] {
  connectLibraryReaders(host, services);
  const deps: MastodonRouteDeps = {
    host,
    services,
    // The library's hooks by default: conversation replies, MFA at login, password attempt limits.
    options: {
      ...conversationHooks(services),
      beforeTokenIssue: mfaBeforeTokenIssue(services),
      guards: accountSecurityGuards(services, host.ports),
      ...overrides,
    },
  };
  return [
    ...appRoutes(deps),
    ...oauthRoutes(deps),
    ...accountRoutes(deps),
    ...updateCredentialsRoutes(deps),
    ...relationshipRoutes(deps),
    ...statusRoutes(deps),
    ...timelineRoutes(deps),
    ...notificationRoutes(deps),
    ...markerRoutes(deps),
    ...instanceRoutes(deps),
    ...adminRoutes(deps),
    // What pleroma-fe reads beyond the basics (issue 14).
    ...accountListRoutes(deps),
    ...threadRoutes(deps),
    ...oauthTokenRoutes(deps),
    ...defaultImageRoutes(),
    ...placeholderRoutes(),
  ];
}

/**
 * Points the host's notification settings and status rendering at the kit's services: the kit
 * needs the host's ports before its services exist, so this is the one late binding.
 */
export function connectLibraryReaders(host: Pick<ReferenceHost, "useLibraryReaders">, services: Services): void {
  // Readers throw what the service failed with, as a port does.
  const unwrap = async <T>(outcome: Outcome<T>): Promise<T> => {
    const result = await outcome;
    if (result.isErr()) throw result.error.cause ?? new Error(result.error.message);
    return result.value;
  };
  const counting = new Set<string>();
  host.useLibraryReaders({
    notificationSettings: (userId) => unwrap(services.accountSecurity.notificationSettings(userId)),
    renderStatuses: (ids, viewerId) => unwrap(services.statuses.render(ids, viewerId)),
    async accountExtras(userId) {
      // Listing conversations renders the own account again (its participants): that nested
      // render must not count conversations itself, or it would recurse without end.
      if (counting.has(userId)) return { aliasIds: await unwrap(services.accountSecurity.aliasIds(userId)), unreadConversations: 0 };
      counting.add(userId);
      try {
        const [aliasIds, conversations] = await Promise.all([
          unwrap(services.accountSecurity.aliasIds(userId)),
          unwrap(services.conversations.list(userId, { limit: 40 })),
        ]);
        return { aliasIds, unreadConversations: conversations.filter((c) => c.unread === true).length };
      } finally {
        counting.delete(userId);
      }
    },
    async customEmoji() {
      const list = await unwrap(services.customEmoji.mastodonList());
      return new Map(list.map((e) => [e.shortcode, e.url]));
    },
  });
}
