/**
 * Outgoing HTTP for every remote fetch the library makes (remote pack lists and archives, emoji
 * files by URL, `fallback-src`). One port so one policy (address rules, size cap, deadline) covers
 * them all; core's `guardedHttpClient` is the default implementation.
 */

/** Why a fetch was not completed; carried as the `kind` of the rejection. */
export type HttpFailureKind =
  /** Not http(s), or credentials in the URL. */
  | "refused-scheme"
  /** The host resolved to (or is) a loopback, private, link-local or other special-use address. */
  | "refused-address"
  /** The body (or its declared length) is over `maxBytes`. */
  | "too-large"
  /** The overall deadline passed. */
  | "timeout"
  | "too-many-redirects"
  /** DNS failure, refused connection, reset, malformed response. */
  | "network";

/** The shape of a rejected fetch: an Error with a `kind`. */
export interface HttpFailure extends Error {
  readonly kind: HttpFailureKind;
}

export interface HttpGetOptions {
  /** Body cap in bytes; the client's default when absent. */
  readonly maxBytes?: number;
  /** Overall deadline (connect, redirects and body) in ms; the client's default when absent. */
  readonly timeoutMs?: number;
  readonly accept?: string;
  readonly signal?: AbortSignal;
}

/** A completed response, body read in full (bounded by `maxBytes`). */
export interface HttpResult {
  readonly status: number;
  /** The URL that answered, after redirects. */
  readonly url: string;
  /** The media type without parameters, lower-cased; null when absent. */
  readonly contentType: string | null;
  readonly body: Uint8Array;
}

export interface HttpClient {
  /**
   * GETs `url`, following redirects (each one re-checked). Any status is a result; only policy
   * and transport failures reject, with an {@link HttpFailure}. Safe to call concurrently.
   */
  get(url: string, options?: HttpGetOptions): Promise<HttpResult>;
}
