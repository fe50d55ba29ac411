/**
 * `@pleroma-kit/core`: the Pleroma API as framework-agnostic services, one route table and one
 * Fetch-API handler. Bindings (`@pleroma-kit/express`, `/fastify`, `/koa`) call `kit.fetch`.
 *
 * This root entry is what an embedder uses: the kit and its options, the port types it
 * implements, entity schemas, error codes, route helpers for `extraRoutes`, and the default
 * implementations of the optional ports. Store adapters also import `@pleroma-kit/core/store-kit`;
 * everything else lives in `@pleroma-kit/core/internal` (no semver promise). Every name here is
 * listed in `test/public-surface.test.ts`, so an addition is a decision.
 * @packageDocumentation
 */

// The kit and its options.
export { createPleromaKit, type PleromaKit, type PleromaKitOptions } from "./kit.js";
// Issue 13: what a host adopting the kit piecemeal writes (route switches, endpoint report, policy, second factor).
export type { EndpointReport, RouteSwitches } from "./http/endpoint-plan.js";
export type { AuthorizationPolicy } from "./http/authorization-policy.js";
export type { SecondFactor } from "./services/mfa/second-factor.js";
export type { KitConfig } from "./config.js";
export type { Services } from "./services/index.js";
export type { AccountSecurityOptions } from "./services/mfa/account-security-options.js";
export type { BackupOptions } from "./services/backups/backups-service.js";
export type { EmojiPackLimits } from "./services/emoji-packs/emoji-packs-service.js";
export type { FetchHints } from "./http/fetch-handler.js";

// Every port type a host or store implements.
export type * from "./ports/index.js";

// Default implementations of the optional ports.
export { systemClock, flakeIds, consoleLogger, silentLogger } from "./defaults.js";
export { memoryFileStore } from "./files/memory-file-store.js";
export { localFileStore } from "./files/local-file-store.js";
export { inProcessJobs } from "./jobs/in-process-jobs.js";
export { memoryMailer } from "./mail/memory-mailer.js";
export { guardedHttpClient, type GuardedHttpClientOptions } from "./net/guarded-http-client.js";
export { staticEmojiCatalog } from "./services/emoji/emoji-catalog.js";

// Errors and results: what handlers of `extraRoutes` return.
export { appError, isAppError, ERROR_CODES, type AppError, type ErrorCode } from "./errors/index.js";
export { fromPort, requirePresent, okAsync, errAsync, ResultAsync, type Outcome } from "./result.js";

// Route helpers for `extraRoutes`.
export {
  defineRoute,
  pleromaPaths,
  Reply,
  type AuthClass,
  type HandlerContext,
  type HttpMethod,
  type RouteDefinition,
  type Viewer,
} from "./http/route.js";
export * as schema from "./http/schema.js";
export { linkHeader } from "./http/link-header.js";
export { mastodonConversationRoutes } from "./http/routes/conversations.js";

// Entity schemas: the JSON the API answers (and what a host's rendering must satisfy).
export {
  AccountSchema,
  AttachmentSchema,
  BackupSchema,
  ConversationSchema,
  EmojiMapSchema,
  EmojiReactionSchema,
  ErrorBodySchema,
  HealthReportSchema,
  ImportJobSchema,
  NotificationSchema,
  OkSchema,
  PackFilesSchema,
  PackListSchema,
  PackMetaSchema,
  PackSchema,
  ReactionEntrySchema,
  RelationshipSchema,
  ScrobbleSchema,
  StatusSchema,
  HostStatusSchema,
} from "./http/entity-schemas.js";

// Password hashes for hosts (scrypt, and Pleroma's pbkdf2 hashes verify).
export { hashPassword, verifyPassword, passwordNeedsRehash, type ScryptParams } from "./passwords/password-hash.js";
