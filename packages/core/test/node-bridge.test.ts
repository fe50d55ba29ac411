/**
 * Regression tests for the Node bridge and the pipeline fixes the HTTP binding suite exposed;
 * the suite itself (packages/testkit/src/http) covers the rest over real frameworks.
 */
import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { readBody } from "../src/http/read-body.js";
import { handleNodeRequest } from "../src/node/index.js";
import { testKit } from "./support/kit.js";

/** Sends raw bytes to a server running `handleNodeRequest` and returns the raw answer. */
async function rawExchange(kit: ReturnType<typeof testKit>["kit"], bytes: string): Promise<string> {
  const server = createServer((req, res) => {
    handleNodeRequest(kit.fetch, req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404).end("host 404");
      },
      () => res.writeHead(599).end("bridge threw"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
    socket.end(bytes);
    let answer = "";
    for await (const chunk of socket) answer += String(chunk);
    return answer;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

describe("node bridge", () => {
  it("serves an absolute-form request target by its path instead of throwing", async () => {
    const { kit } = testKit();
    const answer = await rawExchange(kit, "GET http://other.example/api/v1/pleroma/emoji HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"blobcat"');
  });

  it("never lets a protocol-relative target (//host/path) pick another origin", async () => {
    const { kit } = testKit();
    const answer = await rawExchange(kit, "GET //other.example/api/v1/pleroma/emoji HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer).toContain("host 404");
  });
});

describe("pipeline fixes found by the binding suite", () => {
  it("answers HEAD like GET, without a body", async () => {
    const { kit } = testKit();
    const res = await kit.fetch(new Request("http://x/api/v1/pleroma/emoji", { method: "HEAD" }));
    expect(res?.status).toBe(200);
    expect(res?.headers.get("content-type")).toContain("application/json");
    expect(res?.body).toBeNull();
  });

  it("spreads bracket-key lists from host parsers that keep them (Express urlencoded extended: false)", async () => {
    const request = new Request("http://x/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } });
    const fields = await readBody(request, 100, { parsedBody: { "a[]": ["1", "2"], "b[]": "3", c: "x" }, bodyConsumed: true });
    expect(fields._unsafeUnwrap()).toEqual({ a: ["1", "2"], b: ["3"], c: "x" });
  });

  it("treats a body stream that breaks (client gone) as a 400, not an unexpected 500", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("aborted"));
      },
    });
    const request = new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
    const result = await readBody(request, 100);
    expect(result._unsafeUnwrapErr().status).toBe(400);
  });
});
