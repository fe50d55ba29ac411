import type { ProfileMediaStore, StoredAttachment } from "@pleroma-kit/core";

/** Mascots and background images in memory. Values are cloned so callers cannot mutate the store. */
export function memoryProfileMedia(): ProfileMediaStore {
  const mascots = new Map<string, StoredAttachment>();
  const backgrounds = new Map<string, string>();
  return {
    async mascot(userId) {
      const m = mascots.get(userId);
      return m ? structuredClone(m) : null;
    },
    async setMascot(userId, attachment) {
      mascots.set(userId, structuredClone(attachment));
    },
    async backgrounds(userIds) {
      const out = new Map<string, string>();
      for (const id of userIds) {
        const url = backgrounds.get(id);
        if (url !== undefined) out.set(id, url);
      }
      return out;
    },
    async setBackground(userId, url) {
      if (url === null) backgrounds.delete(userId);
      else backgrounds.set(userId, url);
    },
  };
}
