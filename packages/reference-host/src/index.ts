/**
 * `@pleroma-kit/reference-host`: a small Mastodon-like host over a storage port, for the demo
 * server, for tests, and as the worked example of implementing pleroma-kit's host ports.
 * @packageDocumentation
 */
export * from "./host-data.js";
export * from "./backup-source.js";
