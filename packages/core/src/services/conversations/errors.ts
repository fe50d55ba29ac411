/** Conversation failures, with Akkoma's texts (content.md 3.3). */
export const CONVERSATION_ERRORS = {
  /** Unknown ids and other users' participations answer the same, so ids reveal nothing. */
  CONVERSATION_NOT_FOUND: { status: 404, message: "Unknown conversation id" },
} as const;
