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
 * Runs `fetch` for a Node request. Resolves true when pleroma-kit answered, false when the
 * request is not ours (call the host's `next()`).
 */
export async function handleNodeRequest(
  fetch: PleromaFetch,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeRequestOptions = {},
): Promise<boolean> {
  const { request, hints } = toFetchRequest(req, { response: res, ...options });
  const response = await fetch(request, hints);
  if (!response) return false;
  await writeFetchResponse(response, res);
  return true;
}
