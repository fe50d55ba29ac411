/**
 * Every expected failure the library can answer with: code -> HTTP status and Akkoma's text.
 * Domains keep their own tables beside their services and are spread in here, so this file is
 * the one place that maps a code to a status.
 */
import { REACTION_ERRORS } from "../services/reactions/errors.js";
import { NOTIFICATION_ERRORS } from "../services/notifications/errors.js";
import { CONVERSATION_ERRORS } from "../services/conversations/errors.js";
import { FAVOURITE_ERRORS } from "../services/favourites/errors.js";
import { SUBSCRIPTION_ERRORS } from "../services/subscriptions/errors.js";
import { IMPORT_ERRORS } from "../services/imports/errors.js";
import { PROFILE_MEDIA_ERRORS } from "../services/profile-media/errors.js";
import { MFA_ERRORS } from "../services/mfa/errors.js";
import { ACCOUNT_SECURITY_ERRORS } from "../services/account-security/errors.js";
import { CAPTCHA_ERRORS } from "../services/captcha/errors.js";
import { BACKUP_ERRORS } from "../services/backups/errors.js";
import { EMOJI_PACK_ERRORS } from "../services/emoji-packs/errors.js";

export interface ErrorEntry {
  readonly status: number;
  readonly message: string;
}

/** Errors of the request pipeline itself (auth, parsing, routing). */
export const COMMON_ERRORS = {
  INVALID_CREDENTIALS: { status: 403, message: "Invalid credentials." },
  AUTH_REQUIRED: { status: 403, message: "This resource requires authentication." },
  MFA_BASIC_AUTH_REFUSED: {
    status: 403,
    message: "Two-factor authentication enabled, you must use a access token.",
  },
  NOT_STAFF: { status: 403, message: "User is not a staff member." },
  CROSS_SITE_REFUSED: { status: 403, message: "Cross-site request refused." },
  NOT_ADMIN: { status: 403, message: "User is not an admin." },
  INSUFFICIENT_SCOPES: { status: 403, message: "Insufficient permissions." },
  VALIDATION_FAILED: { status: 400, message: "Invalid request." },
  MALFORMED_BODY: { status: 400, message: "Malformed request body." },
  BODY_ALREADY_CONSUMED: {
    status: 400,
    message: "The request body was consumed by another middleware before pleroma-kit.",
  },
  UNSUPPORTED_CONTENT_TYPE: { status: 400, message: "Invalid value for header: content-type." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "Request entity too large." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Unsupported media type." },
  NOT_FOUND: { status: 404, message: "Record not found" },
  THROTTLED: { status: 429, message: "Throttled" },
  INTERNAL: { status: 500, message: "Internal server error" },
  UNAVAILABLE: { status: 503, message: "Service unavailable" },
} as const satisfies Record<string, ErrorEntry>;

export const ERROR_CODES = {
  ...COMMON_ERRORS,
  ...REACTION_ERRORS,
  ...NOTIFICATION_ERRORS,
  ...CONVERSATION_ERRORS,
  ...FAVOURITE_ERRORS,
  ...SUBSCRIPTION_ERRORS,
  ...IMPORT_ERRORS,
  ...PROFILE_MEDIA_ERRORS,
  ...MFA_ERRORS,
  ...ACCOUNT_SECURITY_ERRORS,
  ...CAPTCHA_ERRORS,
  ...BACKUP_ERRORS,
  ...EMOJI_PACK_ERRORS,
} as const satisfies Record<string, ErrorEntry>;

/** A code of the {@link ERROR_CODES} table. */
export type ErrorCode = keyof typeof ERROR_CODES;
