/** Avatar and banner, owned by the host. */

/** The profile images the Pleroma `update_*` endpoints set. */
export type ProfileImageKind = "avatar" | "banner";

/**
 * Sets an account's avatar or banner URL (the host renders them as `avatar`/`header`). The
 * background image is Pleroma-only state and lives in the library's `ProfileMediaStore`.
 * Last writer wins.
 */
export interface HostProfileImages {
  /** `url` null clears the image (the host renders its default). */
  setImage(userId: string, kind: ProfileImageKind, url: string | null): Promise<void>;
}
