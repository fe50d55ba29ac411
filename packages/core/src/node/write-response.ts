/**
 * Fetch `Response` -> Node `ServerResponse`, streaming with backpressure. When the client goes
 * away the body stream is cancelled, so producers (archive downloads) stop working.
 */
import type { ServerResponse } from "node:http";
import type { PreparedAnswer } from "../http/prepared.js";

/**
 * Writes a prepared answer in one `end`: Node then sends a Content-Length instead of chunks, and
 * no stream is read.
 */
export function writeAnswer(answer: PreparedAnswer, res: ServerResponse): void {
  res.statusCode = answer.status;
  for (const name in answer.headers) res.setHeader(name, answer.headers[name]!);
  if (answer.body === null) res.end();
  else res.end(answer.body);
}

/**
 * Writes `response` to `res`: status, headers (each Set-Cookie kept separate), then the body
 * with backpressure. Resolves when the body is written or the client has gone.
 */
export async function writeFetchResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const onClose = () => void reader.cancel().catch(() => {});
  res.once("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) break;
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.once("drain", done);
          res.once("close", done);
        });
      }
    }
  } catch {
    // The producer failed mid-stream: the status line is gone, so cut the connection.
    res.destroy();
    return;
  } finally {
    res.off("close", onClose);
  }
  if (!res.destroyed) res.end();
}
