/** Backup failures (content.md 4.3), with Akkoma's texts. */
export const BACKUP_ERRORS = {
  /** The text names the configured period; see `rateLimitMessage`. */
  BACKUP_RATE_LIMITED: { status: 400, message: "Last export was less than 7 days ago" },
  /** The host gives no backup source: the endpoints behave as Akkoma's unknown GET routes. */
  BACKUPS_UNAVAILABLE: { status: 404, message: "Not implemented" },
  BACKUP_NOT_FOUND: { status: 404, message: "Not found" },
} as const;
