/**
 * The bridge's fast path (issue 9): JSON answers go out as bytes with a Content-Length, and the
 * Request and AbortSignal a handler may use are still there when it asks for them.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { defineRoute } from "../src/http/route.js";
import { jsonAnswer } from "../src/http/respond.js";
import { handleNodeRequest } from "../src/node/index.js";
import { testKit } from "./support/kit.js";

/** Serves `kit` through the Node bridge on loopback for the duration of `use`. */
async function served<T>(kit: ReturnType<typeof testKit>["kit"], use: (base: string) => Promise<T>): Promise<T> {
  const server = createServer((req, res) => {
    void handleNodeRequest(kit.fetch, req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

describe("prepared answers", () => {
  it("encodes large non-ASCII JSON exactly, each answer in its own bytes", () => {
    // Above the size where the reused scratch buffer is used; emoji make it non-ASCII.
    const first = { list: Array.from({ length: 400 }, (_, i) => ({ name: `👍 ${i} é`, n: i })) };
    const second = { list: Array.from({ length: 400 }, (_, i) => ({ name: `🎉 ${i} ß`, n: -i - 1 })) };
    const a = jsonAnswer(first);
    const b = jsonAnswer(second);
    expect(JSON.stringify(first).length).toBeGreaterThan(2048);
    expect(JSON.parse(new TextDecoder().decode(a.body!))).toEqual(first);
    expect(JSON.parse(new TextDecoder().decode(b.body!))).toEqual(second);
    expect(a.body!.byteLength).toBe(Buffer.byteLength(JSON.stringify(first)));
  });

  it("sends a JSON answer with a Content-Length, not chunked, through the Node bridge", async () => {
    const { kit } = testKit();
    await served(kit, async (base) => {
      const res = await fetch(`${base}/api/v1/pleroma/emoji`);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(res.headers.get("transfer-encoding")).toBeNull();
      expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(JSON.parse(text)).toHaveProperty("blobcat");
    });
  });

  it("still gives a handler the Request (headers, query) and a live AbortSignal when it asks", async () => {
    const seen: Array<{ header: string | null; url: string; aborted: boolean; isSignal: boolean }> = [];
    const probe = defineRoute({
      name: "test.requestProbe",
      method: "GET",
      paths: ["/api/v1/pleroma/test/request-probe"],
      auth: "none",
      summary: "test",
      handler: ({ request, signal }) => {
        seen.push({ header: request.headers.get("x-probe"), url: request.url, aborted: signal.aborted, isSignal: signal instanceof AbortSignal });
        return okAsync({ ok: true });
      },
    });
    const { kit } = testKit({ extraRoutes: () => [probe] });
    await served(kit, async (base) => {
      const res = await fetch(`${base}/api/v1/pleroma/test/request-probe?a=1`, { headers: { "x-probe": "one", "X-Probe": "two" } });
      expect(res.status).toBe(200);
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.header).toBe("one, two");
    expect(new URL(seen[0]!.url).search).toBe("?a=1");
    expect(seen[0]!.isSignal).toBe(true);
    expect(seen[0]!.aborted).toBe(false);
  });

  it("keeps the public kit.fetch answering Fetch Responses", async () => {
    const { kit } = testKit();
    const res = await kit.fetch(new Request("http://x/api/v1/pleroma/emoji"));
    expect(res).toBeInstanceOf(Response);
    expect(res!.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await res!.json()).toHaveProperty("blobcat");
  });
});
