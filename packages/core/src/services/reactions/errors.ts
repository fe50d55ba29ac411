/** Reaction failures, with Akkoma's texts (content.md 2.3). */
export const REACTION_ERRORS = {
  REACTION_ADD_FAILED: { status: 400, message: "Could not add reaction emoji" },
  REACTION_REMOVE_FAILED: { status: 400, message: "Could not remove reaction emoji" },
} as const;
