/**
 * `@pleroma-kit/core/internal`: the service classes and helpers that the reference host, the
 * testkit, the stores' tests and this repository's scripts use. No semver promise: names here
 * change in any release. Do not import from host code; if an embedder needs one of these, that is
 * a reason to add it to the root entry.
 * @packageDocumentation
 */

// Names from modules whose other names are on the root entry.
export { kitOptionsSchema, resolveConfig } from "./config.js";
export { createServices, type ServiceDeps } from "./services/index.js";
export { COMMON_ERRORS, type ErrorEntry } from "./errors/index.js";
export { ok, err, Result } from "./result.js";
export { entityRegistry, entitySchemas } from "./http/entity-schemas.js";
export { DEFAULT_SCRYPT_PARAMS } from "./passwords/password-hash.js";
export { RemoteFetchError, type ResolvedAddress } from "./net/guarded-http-client.js";
export {
  resolveAccountSecurityOptions,
  type AttemptLimit,
  type ResolvedAccountSecurityOptions,
} from "./services/mfa/account-security-options.js";
export {
  BACKUP_DOWNLOAD_PATH,
  BACKUP_JOB,
  BackupsService,
  archiveName,
  backupOptionsSchema,
  rateLimitMessage,
  type BackupDownload,
  type BackupEntity,
  type BackupsDeps,
} from "./services/backups/backups-service.js";
export {
  EmojiPacksService,
  defaultEmojiPackLimits,
  slicePage,
  type EmojiFileInput,
  type EmojiPacksDeps,
  type PackView,
} from "./services/emoji-packs/emoji-packs-service.js";

// The request pipeline.
export { hasAnyScope, type AuthGuards } from "./http/authenticate.js";
export { accountSecurityGuards } from "./http/account-security-guards.js";
export { jsonResponse } from "./http/respond.js";
export { routes as libraryRoutes } from "./http/routes/index.js";
export * from "./openapi/generate-openapi.js";

// Services and their helpers.
export * from "./services/emoji/custom-emoji-service.js";
export * from "./services/reactions/reactions-service.js";
export * from "./services/reactions/reaction-emoji.js";
export * from "./services/statuses/status-renderer.js";
export * from "./services/notifications/notifications-service.js";
export * from "./services/health/health-service.js";
export * from "./services/conversations/conversations-service.js";
export * from "./services/favourites/favourites-service.js";
export * from "./services/subscriptions/subscriptions-service.js";
export * from "./services/imports/imports-service.js";
export * from "./services/imports/parse-import-list.js";
export * from "./services/profile-media/profile-media-service.js";
export * from "./services/profile-media/image-sniff.js";
export * from "./services/scrobbles/scrobbles-service.js";
export * from "./services/timelines/visible-page.js";
export * from "./services/timelines/status-events-service.js";
export * from "./services/mfa/attempt-limiter.js";
export * from "./services/mfa/password-check.js";
export * from "./services/mfa/mfa-service.js";
export * from "./services/mfa/login-challenge.js";
export * from "./services/mfa/totp.js";
export * from "./services/mfa/backup-codes.js";
export * from "./services/captcha/captcha-service.js";
export * from "./services/captcha/native-captcha.js";
export * from "./services/account-security/account-security-service.js";
export * from "./services/account-security/email-format.js";
export * from "./archives/zip-stream.js";
export * from "./services/shared/audience.js";
export * from "./services/backups/backup-archive.js";
export * from "./services/emoji-packs/pack-library.js";
export * from "./services/emoji-packs/pack-emoji-catalog.js";
export * from "./services/emoji-packs/pack-names.js";
export * from "./services/emoji-packs/image-type.js";

// Network and archive helpers.
export * from "./net/ip-policy.js";
export * from "./archives/zip-reader.js";

// Types of the pipeline an embedder reaches through PleromaKit and RouteDefinition.
export type { KitConfigInput } from "./config.js";
export type { PleromaFetch } from "./http/fetch-handler.js";
export type { HandlerOutput, InputSource } from "./http/route.js";
export type { InProcessJobQueue } from "./jobs/in-process-jobs.js";
