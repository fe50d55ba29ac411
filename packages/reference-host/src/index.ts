/**
 * `@pleroma-kit/reference-host`: a small Mastodon-like host over a storage port, for the demo
 * server, for tests, and as the worked example of implementing pleroma-kit's host ports.
 * @packageDocumentation
 */
export * from "./host-data.js";
export * from "./host-context.js";
export * from "./reference-host.js";
export * from "./visibility.js";
export * from "./render-accounts.js";
export * from "./render-statuses.js";
export * from "./render-relationships.js";
export * from "./render-notifications.js";
export * from "./status-text.js";
export * from "./conversations.js";
export * from "./backup-source.js";
export * from "./mastodon-routes.js";
export * from "./link-header.js";
export * from "./account-security.js";
export * from "./new-user.js";
