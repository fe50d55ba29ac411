/**
 * What the reference host reads from the library it serves: core's status renderer (so embedded
 * statuses carry `emoji_reactions`) and the users' notification settings. The host ports must
 * exist before the kit (and so its services) does, so these readers start with the host's own
 * defaults and are pointed at core once the kit is built — `mastodonRoutes` does that. This module
 * is the one place where that late binding happens; every other part takes the readers as a
 * plain dependency.
 */
import type { HostContext, StatusRenderFn } from "../host-context.js";
import { renderStatuses } from "../render-statuses.js";

/** Reads a user's notification settings (the pipeline honours `blockFromStrangers`; accounts render both). */
export type NotificationSettingsFn = (userId: string) => Promise<{ readonly blockFromStrangers: boolean; readonly hideNotificationContents?: boolean }>;

/** What the caller's own Account shows from the library: aliases and unread conversations. */
export type AccountExtrasFn = (userId: string) => Promise<{ readonly aliasIds: readonly string[]; readonly unreadConversations: number }>;

/** The instance's custom emoji, shortcode to absolute image URL, for `emojis` in statuses. */
export type CustomEmojiFn = () => Promise<ReadonlyMap<string, string>>;

/** The library readers the host's parts depend on. */
export interface LibraryReaders {
  /** Renders statuses for notifications and anything else the host embeds statuses in. */
  readonly renderStatuses: StatusRenderFn;
  /** The notification settings the notification pipeline honours. */
  readonly notificationSettings: NotificationSettingsFn;
  /** The library's facts the own Account renders. */
  readonly accountExtras: AccountExtrasFn;
  /** The custom emoji statuses resolve. */
  readonly customEmoji: CustomEmojiFn;
}

/** The readers plus the two switches that repoint them. */
export interface SwitchableReaders {
  /** Stable functions that always call the current reader. */
  readonly readers: LibraryReaders;
  useStatusRenderer(render: StatusRenderFn): void;
  useNotificationSettings(read: NotificationSettingsFn): void;
  /** Repoints any of the readers. */
  useLibraryReaders(readers: Partial<LibraryReaders>): void;
}

/**
 * Readers that start as `initial` (default: the host's own status renderer, and no
 * `block_from_strangers`) and can be switched later.
 */
export function switchableReaders(ctx: HostContext, initial: Partial<LibraryReaders> = {}): SwitchableReaders {
  let renderStatusesNow: StatusRenderFn = initial.renderStatuses ?? ((statusIds, viewerId) => renderStatuses(ctx, statusIds, viewerId));
  let settingsNow: NotificationSettingsFn = initial.notificationSettings ?? (async () => ({ blockFromStrangers: false }));
  let extrasNow: AccountExtrasFn = initial.accountExtras ?? (async () => ({ aliasIds: [], unreadConversations: 0 }));
  let emojiNow: CustomEmojiFn = initial.customEmoji ?? (async () => new Map());
  return {
    readers: {
      renderStatuses: (statusIds, viewerId) => renderStatusesNow(statusIds, viewerId),
      notificationSettings: (userId) => settingsNow(userId),
      accountExtras: (userId) => extrasNow(userId),
      customEmoji: () => emojiNow(),
    },
    useStatusRenderer(render) {
      renderStatusesNow = render;
    },
    useNotificationSettings(read) {
      settingsNow = read;
    },
    useLibraryReaders(next) {
      if (next.renderStatuses) renderStatusesNow = next.renderStatuses;
      if (next.notificationSettings) settingsNow = next.notificationSettings;
      if (next.accountExtras) extrasNow = next.accountExtras;
      if (next.customEmoji) emojiNow = next.customEmoji;
    },
  };
}
