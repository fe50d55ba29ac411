/**
 * Library-owned account settings (accounts.md 14, aliases). Implementations:
 * `memory-account-settings.ts`, `sql-account-settings.ts`; contract: testkit's
 * `contract/account-settings.ts`.
 */

/** Akkoma's per-user notification settings (accounts.md 14). */
export interface NotificationSettings {
  /** Do not create notifications from accounts the user does not follow. */
  readonly blockFromStrangers: boolean;
  /** Web Push payloads omit the content. */
  readonly hideNotificationContents: boolean;
}

/** Library-owned account settings: aliases (`also_known_as`) and notification settings. */
export interface AccountSettingsStore {
  /** The user's settings; the defaults (both false) when never set. */
  notificationSettings(userId: string): Promise<NotificationSettings>;
  /** Applies the given fields, keeping the others; returns the result. Last writer wins per field. */
  updateNotificationSettings(userId: string, patch: Partial<NotificationSettings>): Promise<NotificationSettings>;
  /** The user's aliases (host account ids), oldest first. */
  aliases(userId: string): Promise<string[]>;
  /** Adds an alias; idempotent, true when this call added it (exactly one of parallel adds). */
  addAlias(userId: string, aliasId: string): Promise<boolean>;
  /** Removes an alias; true when this call removed it (exactly one of parallel removes). */
  removeAlias(userId: string, aliasId: string): Promise<boolean>;
  /** Clears settings and aliases (account deletion). */
  deleteUser(userId: string): Promise<void>;
}
