/**
 * `@pleroma-kit/core/node`: the Node bridge every binding uses.
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PleromaFetch } from "../http/fetch-handler.js";
import { toFetchRequest, type NodeRequestOptions } from "./to-request.js";
import { writeFetchResponse } from "./write-response.js";

export { toFetchRequest, type NodeRequestOptions } from "./to-request.js";
export { writeFetchResponse } from "./write-response.js";

/**
 * Runs `fetch` for a Node request and returns its Response without writing it, for frameworks
 * that send a Fetch `Response` themselves (Fastify's `reply.send`). Null when the request is not
 * ours. When the request body has not fully arrived (we answered before reading it all, e.g. a
 * 413), the connection is marked to close so Node never has to drain an unbounded upload.
 */
export async function fetchNodeRequest(
  fetch: PleromaFetch,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeRequestOptions = {},
): Promise<Response | null> {
  const { request, hints } = toFetchRequest(req, { response: res, ...options });
  const response = await fetch(request, hints);
  if (response && !req.complete && !res.headersSent) res.setHeader("connection", "close");
  return response;
}

/**
 * Runs `fetch` for a Node request and writes the answer. Resolves true when pleroma-kit answered,
 * false when the request is not ours (call the host's `next()`). Rejects only for infrastructure
 * failures; handler errors are already 500 responses.
 */
export async function handleNodeRequest(
  fetch: PleromaFetch,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeRequestOptions = {},
): Promise<boolean> {
  const response = await fetchNodeRequest(fetch, req, res, options);
  if (!response) return false;
  await writeFetchResponse(response, res);
  return true;
}
