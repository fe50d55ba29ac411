import type { AccountSettingsStore, NotificationSettings } from "@pleroma-kit/core";

const DEFAULTS: NotificationSettings = { blockFromStrangers: false, hideNotificationContents: false };

/** Aliases and notification settings in memory; every method is one synchronous step. */
export function memoryAccountSettings(): AccountSettingsStore {
  const settings = new Map<string, NotificationSettings>();
  const aliases = new Map<string, string[]>();
  return {
    async notificationSettings(userId) {
      return { ...(settings.get(userId) ?? DEFAULTS) };
    },
    async updateNotificationSettings(userId, patch) {
      const current = settings.get(userId) ?? DEFAULTS;
      const next: NotificationSettings = {
        blockFromStrangers: patch.blockFromStrangers ?? current.blockFromStrangers,
        hideNotificationContents: patch.hideNotificationContents ?? current.hideNotificationContents,
      };
      settings.set(userId, next);
      return { ...next };
    },
    async aliases(userId) {
      return [...(aliases.get(userId) ?? [])];
    },
    async addAlias(userId, aliasId) {
      const list = aliases.get(userId) ?? [];
      if (list.includes(aliasId)) return false;
      list.push(aliasId);
      aliases.set(userId, list);
      return true;
    },
    async removeAlias(userId, aliasId) {
      const list = aliases.get(userId) ?? [];
      const i = list.indexOf(aliasId);
      if (i < 0) return false;
      list.splice(i, 1);
      return true;
    },
    async deleteUser(userId) {
      settings.delete(userId);
      aliases.delete(userId);
    },
  };
}
