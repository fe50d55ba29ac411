/**
 * Regression tests for the Node bridge and the pipeline fixes the HTTP binding suite exposed;
 * the suite itself (packages/testkit/src/http) covers the rest over real frameworks.
 */
import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { readBody } from "../src/http/read-body.js";
import { handleNodeRequest, LINGER_MS } from "../src/node/index.js";
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

/** A server running the bridge, and a raw socket to it that uploads a chunked body. */
async function uploadOverLimit(kit: ReturnType<typeof testKit>["kit"]) {
  const server = createServer((req, res) => void handleNodeRequest(kit.fetch, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
  let received = "";
  let closedAt: number | null = null;
  socket.on("data", (chunk) => (received += String(chunk)));
  socket.on("error", () => {});
  socket.on("close", () => (closedAt = Date.now()));
  const chunk = `400\r\n${"a".repeat(0x400)}\r\n`;
  socket.write(`POST /api/v1/pleroma/notifications/read HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunk}`);
  const waitFor = async (condition: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return condition();
  };
  return {
    socket,
    chunk,
    received: () => received,
    closedAt: () => closedAt,
    waitFor,
    stop: () => {
      socket.destroy();
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Whether the first answer in `raw` arrived whole: by its Content-Length, or its last chunk. */
function answerComplete(raw: string): boolean {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(raw.slice(0, end));
  if (length) return Buffer.byteLength(raw.slice(end + 4)) >= Number(length[1]);
  return raw.includes("\r\n0\r\n\r\n", end);
}

describe("node bridge: answering an upload early", () => {
  it("lets a client that finishes its body keep the connection after a 413", async () => {
    const up = await uploadOverLimit(testKit({ instance: { uploadLimit: 100 } }).kit);
    try {
      expect(await up.waitFor(() => answerComplete(up.received()), 2_000)).toBe(true);
      expect(up.received()).toMatch(/^HTTP\/1\.1 413 /);
      up.socket.write(`${up.chunk}0\r\n\r\nGET /api/v1/pleroma/emoji HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(await up.waitFor(() => up.received().includes("HTTP/1.1 200 "), 2_000)).toBe(true);
      expect(up.closedAt()).toBeNull();
    } finally {
      up.stop();
    }
  });

  it("cuts off a client that keeps sending after the 413, within the linger time", async () => {
    const up = await uploadOverLimit(testKit({ instance: { uploadLimit: 100 } }).kit);
    const pump = setInterval(() => up.socket.writable && up.socket.write(up.chunk), 10);
    try {
      expect(await up.waitFor(() => up.received().includes("413"), 2_000)).toBe(true);
      const answeredAt = Date.now();
      expect(await up.waitFor(() => up.closedAt() !== null, LINGER_MS + 2_000)).toBe(true);
      expect(up.closedAt()! - answeredAt).toBeGreaterThanOrEqual(LINGER_MS - 200);
    } finally {
      clearInterval(pump);
      up.stop();
    }
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
