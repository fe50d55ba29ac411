/**
 * The pipeline's internal currency. Building a Fetch `Request` and `Response` for every call
 * costs more than routing, auth and validation together (AbortSignal, header validation, a
 * ReadableStream per body, USVString conversion of every JSON string: see BENCHMARKS.md), so the
 * pipeline reads an {@link IncomingCall} and answers a {@link PreparedAnswer} where it can. The
 * public `kit.fetch` wraps both ends in Fetch objects; the Node bridge skips them.
 */
import type { FetchHints, PleromaFetch } from "./fetch-handler.js";

/**
 * A whole answer: status, headers (lower-case names) and the complete body. A plain object, not a
 * class, so a bridge built into another bundle recognises it without `instanceof`.
 */
export interface PreparedAnswer {
  readonly prepared: true;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** null: no body at all (204, HEAD). */
  readonly body: Uint8Array | null;
}

/** What a route's run produces: a prepared answer, or a handler's own `Response` (streams). */
export type Answer = Response | PreparedAnswer;

/**
 * The parts of a request the pipeline reads. A Fetch `Request` is one as it is; the Node bridge
 * builds one whose body, signal and full `Request` are made only when something asks for them.
 */
export interface IncomingCall {
  readonly method: string;
  /** Absolute URL; its origin is a placeholder, public URLs come from the kit's `baseUrl`. */
  readonly url: string;
  readonly headers: Pick<Headers, "get">;
  /** The body stream, or null for bodyless methods and bodies host middleware consumed. */
  readonly body: ReadableStream<Uint8Array> | null;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
  /** The whole Fetch `Request`, for handlers that want one (headers, Range, Link URLs). */
  readonly request: Request;
}

/** The pipeline without the Fetch wrapping: what bindings reach through {@link preparedFetchOf}. */
export type PreparedFetch = (call: IncomingCall, hints?: FetchHints) => Promise<Answer | null>;

/**
 * Where `kit.fetch` keeps its {@link PreparedFetch}. A registered symbol, so the `node` entry of a
 * built package finds what the main entry attached even when the bundler duplicated this module.
 */
export const PREPARED_FETCH: unique symbol = Symbol.for("@pleroma-kit/core.prepared-fetch");

/** The prepared pipeline behind a kit's `fetch`, or undefined for any other fetch function. */
export function preparedFetchOf(fetch: PleromaFetch): PreparedFetch | undefined {
  return (fetch as PleromaFetch & { [PREPARED_FETCH]?: PreparedFetch })[PREPARED_FETCH];
}

/** True for a {@link PreparedAnswer} (and false for a `Response`). */
export function isPrepared(answer: Answer): answer is PreparedAnswer {
  return (answer as { prepared?: unknown }).prepared === true;
}

/** The Fetch `Response` for an answer: what the public `kit.fetch` returns. */
export function toResponse(answer: Answer): Response {
  if (!isPrepared(answer)) return answer;
  return new Response(answer.body as Uint8Array<ArrayBuffer> | null, { status: answer.status, headers: answer.headers });
}

/** A Fetch `Request` seen through {@link IncomingCall}: nothing is copied. */
export function callOfRequest(request: Request): IncomingCall {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    get body() {
      return request.body;
    },
    signal: request.signal,
    request,
  };
}
