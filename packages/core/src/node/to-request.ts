/**
 * Node `IncomingMessage` -> Fetch `Request`. Shared by every binding so that the body rules live
 * in one place: a body already parsed by host middleware is reused (JSON, urlencoded); a stream
 * nobody read is streamed; a consumed multipart stream fails fast instead of hanging.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FetchHints } from "../http/fetch-handler.js";
import type { IncomingCall } from "../http/prepared.js";

/** What a binding knows about the request beyond the Node `IncomingMessage`. */
export interface NodeRequestOptions {
  /** A body host middleware parsed (Express `req.body`, Koa `ctx.request.body`). */
  readonly parsedBody?: unknown;
  /** The path as the host sees it when mounted below a prefix (Express `req.originalUrl`). */
  readonly url?: string;
  /**
   * The client's address as the framework sees it (Express `req.ip`, Koa `ctx.ip`, Fastify
   * `request.ip`), which honours the framework's trust-proxy setting. Defaults to the socket's
   * peer, which behind a reverse proxy is the proxy for every client.
   */
  readonly clientAddress?: string | null;
  /** Aborted when the client disconnects; defaults to watching `res` for an early close. */
  readonly response?: ServerResponse;
}

const BODYLESS = new Set(["GET", "HEAD"]);
const ORIGIN = "http://pleroma-kit.invalid";

/**
 * Converts the request. The Request's origin is a fixed placeholder: public URLs come from the
 * kit's `baseUrl`, never from the Host header.
 */
export function toFetchRequest(req: IncomingMessage, options: NodeRequestOptions = {}): { request: Request; hints: FetchHints } {
  const { call, hints } = toIncomingCall(req, options);
  return { request: call.request, hints };
}

/**
 * The request as the pipeline reads it, made lazily: headers on first read, the body stream,
 * the AbortSignal and the whole Fetch `Request` only when something asks for them. Most calls
 * need none of the last three, and they were the costliest part of serving a small JSON answer.
 */
export function toIncomingCall(req: IncomingMessage, options: NodeRequestOptions = {}): { call: IncomingCall; hints: FetchHints } {
  const method = (req.method ?? "GET").toUpperCase();
  const url = `${ORIGIN}${pathOf(options.url ?? req.url ?? "/")}`;
  const res = options.response;
  // A stream is gone once something read it; body parsers mark it this way.
  const consumed = req.readableEnded || (req as { _body?: boolean })._body === true || req.readableDidRead === true;
  const hasBody = !BODYLESS.has(method) && !consumed;
  let headers: Headers | undefined;
  let body: ReadableStream<Uint8Array> | null | undefined;
  let signal: AbortSignal | undefined;
  let request: Request | undefined;
  const call: IncomingCall = {
    method,
    url,
    get headers() {
      return (headers ??= fetchHeaders(req));
    },
    get body() {
      if (body === undefined) body = hasBody ? lazyBody(req) : null;
      return body;
    },
    get signal() {
      return (signal ??= abortSignal(req, res));
    },
    get request() {
      if (request) return request;
      // A body the pipeline already took cannot go into a second object; the handler has its fields.
      const stream = body === undefined ? call.body : null;
      request = new Request(url, {
        method,
        headers: call.headers as Headers,
        body: stream,
        signal: call.signal,
        // Required by undici for streamed request bodies.
        ...(stream ? { duplex: "half" } : {}),
      } as RequestInit);
      return request;
    },
  };
  const hints: FetchHints = {
    clientAddress: options.clientAddress !== undefined ? options.clientAddress : (req.socket?.remoteAddress ?? null),
    bodyConsumed: consumed && !BODYLESS.has(method),
    ...(consumed && options.parsedBody !== undefined ? { parsedBody: options.parsedBody } : {}),
  };
  return { call, hints };
}

/** The Node headers as Fetch `Headers`, built from the raw list so repeated headers join as Fetch joins them. */
function fetchHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (name.startsWith(":")) continue; // HTTP/2 pseudo-headers
    headers.append(name, req.rawHeaders[i + 1]!);
  }
  return headers;
}

/** Aborts when the client goes away before the answer is written; already aborted if it has. */
function abortSignal(req: IncomingMessage, res: ServerResponse | undefined): AbortSignal {
  const controller = new AbortController();
  if (res) {
    if ((res.closed || res.destroyed) && !res.writableFinished) controller.abort();
    else {
      res.once("close", () => {
        if (!res.writableFinished) controller.abort();
      });
    }
  } else if (req.destroyed && !req.complete) {
    controller.abort();
  } else {
    req.once("aborted", () => controller.abort());
  }
  return controller.signal;
}

/**
 * The origin-form path of a request target. Node also accepts the absolute form
 * (`GET http://host/path`, meant for proxies) and `*`; glued to our origin those would make a
 * URL with another host or none, and the Request constructor would throw for a client's typo.
 */
function pathOf(target: string): string {
  // `//x/y` is a path whose first segment is empty, not a host: glued to our origin it stays a path.
  if (target.startsWith("/")) return target;
  try {
    const url = new URL(target, ORIGIN);
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

/**
 * Wraps the Node stream without touching it until the body is actually read, so a request that
 * falls through to the host keeps its body for the host's own parsers. Cancelling (a body over
 * the size limit) stops reading and discards the rest instead of destroying the request: that
 * would also destroy the socket, and the client would never see our 413.
 */
function lazyBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let done = false;
  const finish = () => {
    done = true;
    req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer) => {
    if (done) return;
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    finish();
    controller.close();
  };
  const onError = (error: unknown) => {
    finish();
    controller.error(error);
  };
  // `close` before `end`: the client went away mid-body (Node 20 does not always emit `error`).
  const onClose = () => {
    if (!done) onError(new Error("request body aborted"));
  };
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        if (!started) {
          started = true;
          req.on("data", onData).once("end", onEnd).once("error", onError).once("close", onClose);
        }
        req.resume();
      },
      cancel() {
        finish();
        // Drain and drop what is still arriving; fetchNodeRequest bounds how long.
        req.resume();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}
