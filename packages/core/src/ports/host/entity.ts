/** The JSON the host renders for clients. */

/** A JSON object as rendered for clients (Mastodon/Pleroma entities). */
export type Entity = Record<string, unknown>;
