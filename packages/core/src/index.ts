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
export * from "./paging/id-order.js";
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
export { mastodonConversationRoutes } from "./http/routes/conversations.js";
export { linkHeader } from "./http/link-header.js";
export * from "./passwords/password-hash.js";
export * from "./services/backups/backups-service.js";
export * from "./services/backups/zip-stream.js";
export * from "./services/backups/backup-archive.js";
export * from "./files/local-file-store.js";
export * from "./net/guarded-http-client.js";
export * from "./net/ip-policy.js";
export * from "./archives/zip-reader.js";
export * from "./services/emoji-packs/emoji-packs-service.js";
export * from "./services/emoji-packs/pack-library.js";
export * from "./services/emoji-packs/pack-emoji-catalog.js";
export * from "./services/emoji-packs/pack-names.js";
export * from "./services/emoji-packs/image-type.js";
export * from "./files/unsafe-path-error.js";
export { routes as libraryRoutes } from "./http/routes/index.js";
export * from "./http/entity-schemas.js";
export * from "./openapi/generate-openapi.js";
