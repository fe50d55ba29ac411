/**
 * `@pleroma-kit/core/node`: the Node bridge every binding uses.
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PleromaFetch } from "../http/fetch-handler.js";
import { isPrepared, preparedFetchOf, toResponse, type Answer } from "../http/prepared.js";
import { toFetchRequest, toIncomingCall, type NodeRequestOptions } from "./to-request.js";
import { writeAnswer, writeFetchResponse } from "./write-response.js";

export { toFetchRequest, type NodeRequestOptions } from "./to-request.js";
export { writeAnswer, writeFetchResponse } from "./write-response.js";
export { isPrepared, type Answer, type PreparedAnswer } from "../http/prepared.js";

/** How long the rest of an upload we answered early (a 413) may keep arriving, in ms. */
export const LINGER_MS = 2_000;

/**
 * Runs `fetch` for a Node request and returns its Response without writing it, for frameworks
 * that send a Fetch `Response` themselves (Fastify's `reply.send`). Null when the request is not
 * ours.
 */
export async function fetchNodeRequest(
  fetch: PleromaFetch,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeRequestOptions = {},
): Promise<Response | null> {
  const answer = await answerNodeRequest(fetch, req, res, options);
  return answer && toResponse(answer);
}

/**
 * Like {@link fetchNodeRequest}, but a JSON answer stays a {@link PreparedAnswer} (status,
 * headers, bytes) instead of becoming a Fetch `Response`: send it with {@link writeAnswer}, or
 * with the framework's own send. With a kit's own `fetch` no Fetch `Request` is made either
 * unless a handler asks for one; any other fetch function gets a real `Request`.
 */
export async function answerNodeRequest(
  fetch: PleromaFetch,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeRequestOptions = {},
): Promise<Answer | null> {
  const prepared = preparedFetchOf(fetch);
  let answer: Answer | null;
  if (prepared) {
    const { call, hints } = toIncomingCall(req, { response: res, ...options });
    answer = await prepared(call, hints);
  } else {
    const { request, hints } = toFetchRequest(req, { response: res, ...options });
    answer = await fetch(request, hints);
  }
  if (answer && !req.complete) lingerThenClose(req, res);
  return answer;
}

/**
 * We answered before the body fully arrived (a 413). `Connection: close` would make Node
 * destroy the socket as soon as the answer is written, and the client, still sending, often
 * gets a reset instead of our 413. So, like nginx's lingering close, the rest of the body is
 * discarded for a bounded time: a client that finishes keeps its connection, one that keeps
 * sending is cut off after {@link LINGER_MS}.
 */
function lingerThenClose(req: IncomingMessage, res: ServerResponse): void {
  res.once("finish", () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket?.destroy(), LINGER_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer)).once("close", () => clearTimeout(timer));
    req.resume();
  });
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
  const answer = await answerNodeRequest(fetch, req, res, options);
  if (!answer) return false;
  if (isPrepared(answer)) writeAnswer(answer, res);
  else await writeFetchResponse(answer, res);
  return true;
}
