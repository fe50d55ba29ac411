/**
 * `@pleroma-kit/reference-host`: a small Mastodon-like host over a storage port, for the demo
 * server, for tests, and as the worked example of implementing pleroma-kit's host ports.
 * @packageDocumentation
 */
export * from "./host-data.js";
export * from "./host-context.js";
export * from "./reference-host.js";
export { PUBLIC_AUDIENCE } from "./host/activities.js";
export type { HostApps, HostTokens, IssuedTokenRow, NewApp } from "./host/apps-tokens.js";
export { tokenHash } from "./host/credentials.js";
export type { HostMarkers, Marker, MarkerTimeline } from "./host/markers.js";
export type { HostNotificationList, NotificationFilter } from "./host/notifications.js";
export type { HostRelations } from "./host/relations.js";
export type { LibraryReaders, NotificationSettingsFn } from "./host/renderers.js";
export type { HostStatusOperations, NewPost } from "./host/statuses.js";
export type { HostTimelines } from "./host/timelines.js";
export type { HostUsers, Registration } from "./host/users.js";
export * from "./visibility.js";
export * from "./render-accounts.js";
export * from "./render-statuses.js";
export * from "./render-relationships.js";
export * from "./render-notifications.js";
export * from "./status-text.js";
export * from "./conversations.js";
export * from "./backup-source.js";
export * from "./mastodon/index.js";
export * from "./link-header.js";
export * from "./account-security.js";
export * from "./new-user.js";
