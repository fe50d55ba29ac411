/** Subscription failures (accounts.md 10). */
export const SUBSCRIPTION_ERRORS = {
  /** The message names the target: `Could not subscribe: <nickname> is blocking you`. */
  SUBSCRIBE_BLOCKED: { status: 403, message: "Could not subscribe" },
  /** Akkoma crashes (500) on self-subscription; we refuse it. */
  SUBSCRIBE_SELF: { status: 422, message: "Could not subscribe: you cannot subscribe to yourself" },
} as const;
