/**
 * Account-security failures with Akkoma's texts (accounts.md 16-18). The util routes answer
 * several of them with HTTP 200 (their `errorStatus`); the statuses here are what a re-implementation
 * without that quirk would use.
 */
export const ACCOUNT_SECURITY_ERRORS = {
  EMAIL_INVALID_FORMAT: { status: 422, message: "Email has invalid format." },
  EMAIL_TAKEN: { status: 422, message: "Email has already been taken." },
  EMAIL_BLANK: { status: 422, message: "Email can't be blank." },
  MOVE_TARGET_NOT_FOUND: { status: 404, message: "Target account not found." },
  MOVE_TARGET_NOT_ALIASED: { status: 422, message: "Target account must have the origin in `alsoKnownAs`" },
  /** Ours (Akkoma accepts them): an account cannot move to itself or alias itself. */
  MOVE_SELF: { status: 422, message: "You cannot move to your own account." },
  /** Ours: a second move of the same account while one is under way. */
  MOVE_IN_PROGRESS: { status: 409, message: "A move of this account is already in progress." },
  ALIAS_SELF: { status: 422, message: "You cannot alias your own account." },
  ALIAS_TARGET_NOT_FOUND: { status: 404, message: "Target account does not exist." },
  ALIAS_NOT_FOUND: { status: 404, message: "Account has no such alias." },
} as const;
