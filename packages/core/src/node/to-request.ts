/**
 * Node `IncomingMessage` -> Fetch `Request`. Shared by every binding so that the body rules live
 * in one place: a body already parsed by host middleware is reused (JSON, urlencoded); a stream
 * nobody read is streamed; a consumed multipart stream fails fast instead of hanging.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { FetchHints } from "../http/fetch-handler.js";

export interface NodeRequestOptions {
  /** A body host middleware parsed (Express `req.body`, Koa `ctx.request.body`). */
  readonly parsedBody?: unknown;
  /** The path as the host sees it when mounted below a prefix (Express `req.originalUrl`). */
  readonly url?: string;
  /** Aborted when the client disconnects; defaults to watching `res` for an early close. */
  readonly response?: ServerResponse;
}

const BODYLESS = new Set(["GET", "HEAD"]);

/**
 * Converts the request. The Request's origin is a fixed placeholder: public URLs come from the
 * kit's `baseUrl`, never from the Host header.
 */
export function toFetchRequest(req: IncomingMessage, options: NodeRequestOptions = {}): { request: Request; hints: FetchHints } {
  const method = (req.method ?? "GET").toUpperCase();
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (name.startsWith(":")) continue; // HTTP/2 pseudo-headers
    headers.append(name, req.rawHeaders[i + 1]!);
  }
  const controller = new AbortController();
  const res = options.response;
  if (res) {
    res.once("close", () => {
      if (!res.writableFinished) controller.abort();
    });
  } else {
    req.once("aborted", () => controller.abort());
  }
  // A stream is gone once something read it; body parsers mark it this way.
  const consumed = req.readableEnded || (req as { _body?: boolean })._body === true || req.readableDidRead === true;
  let body: ReadableStream<Uint8Array> | null = null;
  if (!BODYLESS.has(method) && !consumed) {
    body = lazyBody(req);
  }
  const request = new Request(`http://pleroma-kit.invalid${options.url ?? req.url ?? "/"}`, {
    method,
    headers,
    body,
    signal: controller.signal,
    // Required by undici for streamed request bodies.
    ...(body ? { duplex: "half" } : {}),
  } as RequestInit);
  const hints: FetchHints = {
    clientAddress: req.socket?.remoteAddress ?? null,
    bodyConsumed: consumed && !BODYLESS.has(method),
    ...(consumed && options.parsedBody !== undefined ? { parsedBody: options.parsedBody } : {}),
  };
  return { request, hints };
}

/**
 * Wraps the Node stream without touching it until the body is actually read, so a request that
 * falls through to the host keeps its body for the host's own parsers.
 */
function lazyBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      reader ??= (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>).getReader();
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await reader?.cancel(reason);
    },
  });
}
