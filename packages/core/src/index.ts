/**
 * `@pleroma-kit/core`: the Pleroma API as framework-agnostic services, one route table and one
 * Fetch-API handler. Bindings (`@pleroma-kit/express`, `/fastify`, `/koa`) call `kit.fetch`.
 * @packageDocumentation
 */
export * from "./kit.js";
export * from "./config.js";
export * from "./defaults.js";
export * from "./errors/index.js";
export * from "./result.js";
export type * from "./ports/index.js";
export * from "./http/route.js";
export * as schema from "./http/schema.js";
export { hasAnyScope, type AuthGuards } from "./http/authenticate.js";
export type { FetchHints, PleromaFetch } from "./http/fetch-handler.js";
export { jsonResponse } from "./http/respond.js";
export * from "./services/index.js";
export * from "./services/emoji/emoji-catalog.js";
export * from "./services/emoji/custom-emoji-service.js";
export * from "./services/reactions/reactions-service.js";
export * from "./services/reactions/reaction-emoji.js";
export * from "./services/statuses/status-renderer.js";
export * from "./services/notifications/notifications-service.js";
export * from "./services/health/health-service.js";
export * from "./files/safe-file-key.js";
export * from "./files/memory-file-store.js";
export * from "./jobs/in-process-jobs.js";
export * from "./mail/memory-mailer.js";
export * from "./services/mfa/account-security-options.js";
export * from "./services/mfa/attempt-limiter.js";
export * from "./services/mfa/password-check.js";
export * from "./services/mfa/mfa-service.js";
export * from "./services/mfa/login-challenge.js";
export * from "./services/mfa/totp.js";
export * from "./services/mfa/backup-codes.js";
export * from "./services/mfa/constant-time.js";
export * from "./services/captcha/captcha-service.js";
export * from "./services/captcha/native-captcha.js";
export * from "./services/account-security/account-security-service.js";
export * from "./services/account-security/email-format.js";
export { accountSecurityGuards } from "./http/account-security-guards.js";
export * from "./passwords/password-hash.js";
export * from "./services/backups/backups-service.js";
export * from "./services/backups/zip-stream.js";
export * from "./services/backups/backup-archive.js";
