/**
 * Pleroma-only profile media (accounts.md). Implementations: `memory-profile-media.ts`,
 * `sql-profile-media.ts`; contract: testkit's `contract/profile-media.ts`.
 */

/** A media attachment entity as stored (mascots), JSON-serialisable. */
export type StoredAttachment = Readonly<Record<string, unknown>>;

/**
 * Pleroma-only profile media: the mascot attachment and the background image URL. Avatar and
 * banner are the host's (`HostProfileImages`). Writes are last-writer-wins per user and field.
 */
export interface ProfileMediaStore {
  mascot(userId: string): Promise<StoredAttachment | null>;
  /** Replaces the user's mascot (last write wins). */
  setMascot(userId: string, attachment: StoredAttachment): Promise<void>;
  /** Background image URLs of the users that have one, one batch (for `pleroma.background_image`). */
  backgrounds(userIds: readonly string[]): Promise<Map<string, string>>;
  /** Sets or (null) clears the background image URL. */
  setBackground(userId: string, url: string | null): Promise<void>;
}
