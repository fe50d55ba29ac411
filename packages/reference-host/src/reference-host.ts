/**
 * The reference host: a small Mastodon-like host over a {@link HostData} port. This module only
 * names the host's shape and composes it from its parts under `host/`:
 *
 * - `host/credentials.ts`: password logins, token hashing, bearer-token principals
 * - `host/users.ts`, `host/apps-tokens.ts`: accounts, OAuth apps and tokens
 * - `host/statuses.ts`, `host/relations.ts`, `host/timelines.ts`: posting, follows/blocks/mutes, timelines
 * - `host/notify.ts`, `host/notifications.ts`, `host/markers.ts`: the notification pipeline and read markers
 * - `host/activities.ts`: published (not delivered) activities
 * - `host/renderers.ts`: the library readers (core's status renderer, notification settings)
 * - `host/ports.ts`: core's `HostPorts` over all of the above
 *
 * The Mastodon endpoints over this host are in `mastodon/`.
 */
import { flakeIds, systemClock, type Activity, type Clock, type HostPorts, type IdGenerator, type ScryptParams } from "@pleroma-kit/core";
import type { HostContext, StatusRenderFn } from "./host-context.js";
import type { HostData, UserRow } from "./host-data.js";
import { accountUrl } from "./render-accounts.js";
import { createPublisher } from "./host/activities.js";
import { createApps, createTokens, type HostApps, type HostTokens } from "./host/apps-tokens.js";
import { createLogins } from "./host/credentials.js";
import { createMarkers, type HostMarkers } from "./host/markers.js";
import { createNotificationList, createNotificationPort, type HostNotificationList } from "./host/notifications.js";
import { createNotify } from "./host/notify.js";
import { createHostPorts } from "./host/ports.js";
import { requestCachedData } from "./request-cache.js";
import { createHiddenFor, createRelations, type HostRelations } from "./host/relations.js";
import { switchableReaders, type LibraryReaders, type NotificationSettingsFn } from "./host/renderers.js";
import { createStatusOperations, type HostStatusOperations } from "./host/statuses.js";
import { createTimelines, type HostTimelines } from "./host/timelines.js";
import { createUsers, type HostUsers } from "./host/users.js";

/** Options of {@link createReferenceHost}. */
export interface ReferenceHostOptions {
  /** The instance's public base URL, e.g. `https://social.example`. */
  readonly baseUrl: string;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** scrypt cost for new password hashes; tests pass a cheap one. Default: core's. */
  readonly passwordParams?: ScryptParams;
  /**
   * The library readers to start with. Default: the host's own status renderer and no
   * `block_from_strangers`; `mastodonRoutes` points both at the kit's services.
   */
  readonly libraryReaders?: Partial<LibraryReaders>;
}

/** The reference host: core's {@link HostPorts} plus the operations its Mastodon routes and tests use. */
export interface ReferenceHost {
  /** Core's host ports. */
  readonly ports: HostPorts;
  /** The data port the host runs on. */
  readonly data: HostData;
  /** The resolved base URL, clock and ids. */
  readonly context: HostContext;
  /** Every activity published, oldest first: the reference host does not deliver. */
  readonly published: Activity[];
  /**
   * Makes notifications (and anything else the host renders with statuses) use core's status
   * renderer, so embedded statuses carry `emoji_reactions`. `mastodonRoutes` calls it.
   */
  useStatusRenderer(render: StatusRenderFn): void;
  /** Where notification settings come from (the library's, through `mastodonRoutes`). */
  useNotificationSettings(read: NotificationSettingsFn): void;
  /** Repoints any library reader (`mastodonRoutes` points them all at the kit's services). */
  useLibraryReaders(readers: Partial<LibraryReaders>): void;
  readonly users: HostUsers;
  readonly apps: HostApps;
  readonly tokens: HostTokens;
  readonly statuses: HostStatusOperations;
  readonly relations: HostRelations;
  readonly timelines: HostTimelines;
  readonly notifications: HostNotificationList;
  readonly markers: HostMarkers;
  /** The URL of a local account's profile. */
  accountUrl(user: UserRow): string;
}

/**
 * A small Mastodon-like host over a {@link HostData} port: users with scrypt (or migrated Pleroma)
 * passwords, OAuth apps and tokens (stored only as SHA-256 hashes), statuses with Mastodon's
 * visibility rules, follows, blocks, mutes, favourites and notifications. It implements every
 * member of core's `HostPorts`, and records published activities in `published` instead of
 * delivering them. The demo server and end-to-end tests run on it; a real server is the model.
 *
 * @example
 * const host = createReferenceHost(createMemoryHostData(), { baseUrl: "https://social.example" });
 * const alice = await host.users.register({ nickname: "alice", password: "secret" });
 * const token = await host.tokens.issue(alice.id, (await host.apps.create({ name: "cli", scopes: ["read", "write"] })).id, ["read", "write"]);
 * const kit = createPleromaKit({ baseUrl, store, host: host.ports, extraRoutes: (s) => mastodonRoutes(host, s) });
 */
export function createReferenceHost(storage: HostData, options: ReferenceHostOptions): ReferenceHost {
  // Every part reads through the per-request cache; core enters it per request (`requestScope`).
  const { data, requestScope } = requestCachedData(storage);
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? flakeIds(clock);
  // The renderers read the library through `readers`, which can be repointed after the kit exists.
  const ctx: HostContext = {
    data,
    baseUrl,
    localHost: new URL(baseUrl).host,
    clock,
    ids,
    readers: {
      notificationSettings: (userId) => readers.notificationSettings(userId),
      accountExtras: (userId) => readers.accountExtras(userId),
      customEmoji: () => readers.customEmoji(),
    },
  };

  const { readers, useStatusRenderer, useNotificationSettings, useLibraryReaders } = switchableReaders(ctx, options.libraryReaders);
  const publisher = createPublisher({ baseUrl, ids });
  const markers = createMarkers(clock);
  const notify = createNotify({ data, clock, ids, notificationSettings: readers.notificationSettings });
  const logins = createLogins({ data, clock, passwordParams: options.passwordParams });
  const hiddenFor = createHiddenFor({ data });
  const tokens = createTokens(ctx);
  const relations = createRelations({ data, notify, publisher });

  return {
    ports: {
      ...createHostPorts({
        ctx,
        logins,
        hiddenFor,
        notifications: createNotificationPort({ ctx, renderStatuses: readers.renderStatuses, notify, markers }),
        publisher,
        relations,
        tokens,
      }),
      requestScope,
    },
    data,
    context: ctx,
    published: publisher.published,
    useStatusRenderer,
    useNotificationSettings,
    useLibraryReaders,
    users: createUsers({ data, clock, ids, verifyLogin: logins.verifyLogin, passwordParams: options.passwordParams }),
    apps: createApps(ctx),
    tokens,
    statuses: createStatusOperations({ data, clock, ids, notify, publisher }),
    relations,
    timelines: createTimelines({ data, hiddenFor }),
    notifications: createNotificationList({ ctx, renderStatuses: readers.renderStatuses }),
    markers: { get: markers.get, set: markers.set },
    accountUrl: (user) => accountUrl(ctx, user),
  };
}
