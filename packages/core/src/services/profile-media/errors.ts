/** Mascot and profile image failures (accounts.md 13, 19.1). */
export const PROFILE_MEDIA_ERRORS = {
  MASCOT_NOT_IMAGE: { status: 415, message: "mascots can only be images" },
  PROFILE_IMAGE_NOT_IMAGE: { status: 415, message: "profile images can only be images" },
  MEDIA_NOT_FOUND: { status: 404, message: "Not found" },
} as const;
