import type { Clock, HostPorts, IdGenerator } from "@pleroma-kit/core";
import type { HostData } from "./host-data.js";

/** What the reference host's parts share: its data, its public URL, time and ids. */
export interface HostContext {
  readonly data: HostData;
  /** The instance's public base URL without a trailing slash. */
  readonly baseUrl: string;
  /** Host (and port) of `baseUrl`, for `fqn` and local `acct`s. */
  readonly localHost: string;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /**
   * What the renderers read from the library (own-account settings, aliases, unread conversations,
   * custom emoji); absent in parts built without a library, which then render the defaults.
   */
  readonly readers?: RenderReaders;
}

/** The library readers the account and status renderers use. */
export interface RenderReaders {
  notificationSettings(userId: string): Promise<{ readonly blockFromStrangers: boolean; readonly hideNotificationContents?: boolean }>;
  accountExtras(userId: string): Promise<{ readonly aliasIds: readonly string[]; readonly unreadConversations: number }>;
  /** Shortcode to absolute image URL. */
  customEmoji(): Promise<ReadonlyMap<string, string>>;
}

/** Renders statuses for a viewer: the host's own renderer, or core's once the kit exists. */
export type StatusRenderFn = HostPorts["statuses"]["render"];

/** Akkoma's date format: `YYYY-MM-DDTHH:MM:SS.000Z` (fraction always `.000`). */
export function formatDate(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, ".000Z");
}
