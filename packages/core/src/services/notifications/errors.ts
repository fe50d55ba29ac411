/** Notification failures, with Akkoma's texts (accounts.md 11). */
export const NOTIFICATION_ERRORS = {
  NOTIFICATION_NOT_FOUND: { status: 400, message: "Cannot get notification" },
} as const;
