/** Favourites failures (accounts.md 9), and the answer when the host lacks an optional port. */
export const FAVOURITE_ERRORS = {
  FAVOURITES_HIDDEN: { status: 403, message: "Can't get favorites" },
  /** An optional host port (favourites, subscriptions, imports, profile images) is not plugged in. */
  HOST_FEATURE_MISSING: { status: 404, message: "Not implemented" },
} as const;
