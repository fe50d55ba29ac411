/**
 * The HTTP binding suite: every framework binding runs it over a real HTTP server, so the body,
 * auth, fall-through, limit, streaming and error rules hold the same on Express, Fastify, Koa
 * and any binding a host writes.
 */
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { PleromaKit } from "@pleroma-kit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBindingKit, SUITE_UPLOAD_LIMIT, type BindingKit } from "./binding-kit.js";
import { FAKE_CREDENTIALS } from "./fake-host.js";
import { slashPathTests } from "./slash-paths.js";
import { SECRET_ERROR_TEXT, sha256 } from "./test-routes.js";

/** How the suite asks a binding to set up its framework. */
export interface MountOptions {
  /**
   * Mount the framework's usual JSON + urlencoded body parser BEFORE pleroma-kit (Express
   * `express.json()`/`urlencoded()`, a Koa body parser, Fastify's parsers in the host context).
   */
  readonly hostBodyParser: boolean;
  /**
   * Mount host middleware before pleroma-kit that reads multipart bodies to the end (as multer
   * or busboy would), so the suite can check that a consumed stream fails fast.
   */
  readonly hostMultipartReader?: boolean;
  /**
   * Trust the proxy in front (the suite's client on loopback) for the client address: Express
   * `app.set("trust proxy", true)`, Koa `app.proxy = true`, Fastify `trustProxy: true`. The
   * binding must then hand pleroma-kit the `X-Forwarded-For` client, and ignore that header
   * otherwise.
   */
  readonly trustProxy?: boolean;
}

/** A running server: its base URL (`http://127.0.0.1:port`) and how to stop it. */
export interface MountedServer {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server on 127.0.0.1:0 with the framework: optional host parsers (see
 * {@link MountOptions}), then pleroma-kit, then the host routes `GET /host/ping` (answers the
 * text `pong`) and `POST /host/echo` (answers `{"body": <what the host parsed, or null>}`).
 * Unmatched requests must get the framework's own 404.
 */
export type MountFn = (kit: PleromaKit, options: MountOptions) => Promise<MountedServer>;

/** Cases a binding cannot construct with its framework, with the reason in the caller's code. */
export interface BindingSuiteOptions {
  readonly skip?: ReadonlyArray<"consumedMultipart">;
}

/** Longest any single request may take before the suite calls it a hang. */
const HANG_MS = 5_000;

/** Runs the binding suite for `name`, mounting a fresh kit per group with `mount`. */
export function runBindingSuite(name: string, mount: MountFn, options: BindingSuiteOptions = {}): void {
  describe(`binding suite: ${name}`, () => {
    describe("client address", () => {
      const direct = useServer(mount, { hostBodyParser: false });
      const proxied = useServer(mount, { hostBodyParser: false, trustProxy: true });
      const forwarded = { "x-forwarded-for": "203.0.113.7" };

      it("uses the peer address and ignores X-Forwarded-For when the framework does not trust proxies", async () => {
        const plain = await direct.call("GET", "/api/v1/pleroma/test/client-address");
        expect((plain.json as { clientAddress: string }).clientAddress).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
        const spoofed = await direct.call("GET", "/api/v1/pleroma/test/client-address", { headers: forwarded });
        expect((spoofed.json as { clientAddress: string }).clientAddress).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      });

      it("uses the framework's client address, X-Forwarded-For included, when it trusts the proxy", async () => {
        const res = await proxied.call("GET", "/api/v1/pleroma/test/client-address", { headers: forwarded });
        expect(res.json).toEqual({ clientAddress: "203.0.113.7" });
      });
    });

    describe("repeated slashes", () => slashPathTests(useServer(mount, { hostBodyParser: false })));

    describe("pleroma-kit alone", () => {
      const server = useServer(mount, { hostBodyParser: false });

      it("reads a JSON body", async () => {
        const payload = { text: `hi ${randomId()}`, n: 3, nested: { ok: true } };
        const res = await server.call("POST", "/api/v1/pleroma/test/echo", { json: payload });
        expect(res.status).toBe(200);
        expect(res.json).toEqual({ input: payload, viewer: null });
      });

      it("reads JSON bodies on PUT, PATCH and DELETE (megalodon sends {} on DELETE)", async () => {
        for (const method of ["PUT", "PATCH", "DELETE"]) {
          const value = randomId();
          const res = await server.call(method, "/api/pleroma/test/echo", { json: { value } });
          expect(res.json, method).toEqual({ input: { value }, viewer: null });
        }
        expect((await server.call("DELETE", "/api/v1/pleroma/test/echo", { json: {} })).json).toEqual({ input: {}, viewer: null });
      });

      it("reads a urlencoded body with a[] lists", async () => {
        const b = randomId();
        const res = await server.call("POST", "/api/v1/pleroma/test/echo", { form: `a[]=1&a[]=2&b=${b}` });
        expect(res.json).toEqual({ input: { a: ["1", "2"], b }, viewer: null });
      });

      it("reads a multipart body with a file, bytes intact", async () => {
        const bytes = randomBytes(10_000);
        const form = new FormData();
        form.append("caption", "a file");
        form.append("file", new Blob([bytes], { type: "application/octet-stream" }), "data.bin");
        const res = await server.call("POST", "/api/v1/pleroma/test/echo", { body: form });
        expect(res.status).toBe(200);
        expect(res.json).toEqual({
          input: {
            caption: "a file",
            file: { name: "data.bin", type: "application/octet-stream", size: bytes.byteLength, sha256: await sha256(new Blob([bytes])) },
          },
          viewer: null,
        });
      });

      it("accepts Content-Type: application/json with no body (megalodon)", async () => {
        for (const method of ["POST", "DELETE"]) {
          const res = await server.call(method, "/api/v1/pleroma/test/echo?q=1", { headers: { "content-type": "application/json" } });
          expect(res.status, method).toBe(200);
          expect(res.json, method).toEqual({ input: { q: "1" }, viewer: null });
        }
      });

      it("passes the query string through, with list keys", async () => {
        const res = await server.call("GET", "/api/v1/pleroma/test/echo?x=1&ids[]=a&ids[]=b");
        expect(res.json).toEqual({ input: { x: "1", ids: ["a", "b"] }, viewer: null });
      });

      it("authenticates with a bearer token, the session cookie and HTTP Basic", async () => {
        const basic = Buffer.from(`${FAKE_CREDENTIALS.basic.login}:${FAKE_CREDENTIALS.basic.password}`).toString("base64");
        const carriers: Array<[string, Record<string, string>]> = [
          ["token", { authorization: `Bearer ${FAKE_CREDENTIALS.token}` }],
          ["cookie", { cookie: `other=1; ${FAKE_CREDENTIALS.cookie}` }],
          ["basic", { authorization: `Basic ${basic}` }],
        ];
        for (const [via, headers] of carriers) {
          const res = await server.call("GET", "/api/v1/pleroma/test/me", { headers });
          expect(res.status, via).toBe(200);
          expect(res.json, via).toEqual({ id: FAKE_CREDENTIALS.userId, via });
        }
      });

      it('refuses user routes without valid credentials with 403 {"error":"Invalid credentials."}', async () => {
        const attempts: Array<Record<string, string>> = [
          {},
          { authorization: "Bearer wrong-token" },
          { cookie: "_pleroma_key=wrong" },
          { authorization: `Basic ${Buffer.from("alice:wrong").toString("base64")}` },
        ];
        for (const headers of attempts) {
          const res = await server.call("GET", "/api/v1/pleroma/test/me", { headers });
          expect(res.status, JSON.stringify(headers)).toBe(403);
          expect(res.json, JSON.stringify(headers)).toEqual({ error: "Invalid credentials." });
        }
      });

      it("falls through to the host for its own routes and to the framework's 404 for unknown paths", async () => {
        const ping = await server.call("GET", "/host/ping");
        expect(ping.status).toBe(200);
        expect(ping.text).toBe("pong");
        const echoed = await server.call("POST", "/host/echo", { json: { from: "host" } });
        expect(echoed.status).toBe(200);
        for (const path of ["/nope", "/api/v1/pleroma/test/unknown", "/api/v1/pleroma/test/me/extra"]) {
          const res = await server.call("GET", path);
          expect(res.status, path).toBe(404);
          expect(isKitErrorBody(res.text), path).toBe(false);
        }
        // A method we do not serve on a path we do serve is the host's too.
        expect((await server.call("PUT", "/api/v1/pleroma/test/me")).status).toBe(404);
      });

      it("answers 413 for a declared Content-Length over the upload limit", async () => {
        const big = JSON.stringify({ pad: "x".repeat(SUITE_UPLOAD_LIMIT * 2) });
        const res = await server.call("POST", "/api/v1/pleroma/test/echo", { json: big });
        expect(res.status).toBe(413);
        expect(res.json).toEqual({ error: "Request entity too large." });
      });

      it("answers 413 while streaming a chunked body over the limit, without reading it all", async () => {
        // At 4 KiB per millisecond at most, sending all of it takes over two seconds.
        const total = SUITE_UPLOAD_LIMIT * 256;
        const res = await streamUpload(server.baseUrl, "/api/v1/pleroma/test/echo", total);
        expect(res.status).toBe(413);
        expect(JSON.parse(res.text)).toEqual({ error: "Request entity too large." });
        // The answer came long before the client could send everything.
        expect(res.bytesSent).toBeLessThan(total);
        expect((await server.call("GET", "/host/ping")).text).toBe("pong");
      });

      it("decodes percent-encoded path segments: emoji, ZWJ sequences, :shortcode:, long remote names", async () => {
        const couple = "👩🏽‍❤️‍💋‍👨🏻";
        expect(encodeURIComponent(couple).length).toBeGreaterThan(100);
        // Over 100 characters even decoded (Fastify's default maxParamLength counts decoded).
        const longRemote = `${"blob".repeat(20)}@${"emoji-".repeat(6)}remote.example`;
        for (const value of ["👍", couple, ":blobcat:", ":BlobCat:", "blobcat@remote.example", "a b", longRemote]) {
          const res = await server.call("GET", `/api/v1/pleroma/test/segment/${encodeURIComponent(value)}`);
          expect(res.status, value).toBe(200);
          expect(res.json, value).toEqual({ value });
        }
        // Mid-path parameters are ids in every real route; keep them within Fastify's default 100.
        for (const value of ["👍", ":blobcat:"]) {
          const mid = await server.call("GET", `/api/pleroma/test/segment/${encodeURIComponent(value)}/tail`);
          expect(mid.json, value).toEqual({ value });
        }
        const raw = await server.call("GET", "/api/v1/pleroma/test/segment/%3Ablobcat%3A");
        expect(raw.json).toEqual({ value: ":blobcat:" });
      });

      it("answers 400, never 500, for a malformed percent-encoding", async () => {
        const res = await server.call("GET", "/api/v1/pleroma/test/segment/%E0%A4%A");
        expect(res.status).toBe(400);
      });

      it("streams a response in chunks as they are produced", async () => {
        const id = randomId();
        const res = await fetch(`${server.baseUrl}/api/v1/pleroma/test/stream?id=${id}&chunks=20`, { signal: AbortSignal.timeout(HANG_MS) });
        expect(res.status).toBe(200);
        const reader = res.body!.getReader();
        const first = await reader.read();
        expect(new TextDecoder().decode(first.value)).toBe("chunk 1\n");
        // The first chunk reached us while the producer still had chunks to make.
        expect(server.probes.get(id)?.finished).toBe(false);
        let rest = "";
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          rest += new TextDecoder().decode(value);
        }
        expect(rest).toBe(Array.from({ length: 19 }, (_, i) => `chunk ${i + 2}\n`).join(""));
        expect(server.probes.get(id)).toMatchObject({ finished: true, cancelled: false });
      });

      it("cancels the producer when the client aborts mid-stream", async () => {
        const id = randomId();
        const abort = new AbortController();
        const res = await fetch(`${server.baseUrl}/api/v1/pleroma/test/stream?id=${id}&chunks=100000`, { signal: abort.signal });
        const reader = res.body!.getReader();
        await reader.read();
        abort.abort();
        await waitFor(() => server.probes.get(id)?.cancelled === true, 2_000);
        const sent = server.probes.get(id)!.chunksSent;
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(server.probes.get(id)!.chunksSent).toBe(sent);
        expect(server.probes.get(id)!.finished).toBe(false);
      });

      it('answers an unexpected throw with 500 {"error":"Internal server error"} and no internal text', async () => {
        const res = await server.call("GET", "/api/v1/pleroma/test/throw");
        expect(res.status).toBe(500);
        expect(res.json).toEqual({ error: "Internal server error" });
        expect(res.text).not.toContain(SECRET_ERROR_TEXT);
        expect(res.text).not.toMatch(/\bat \S+ \(/);
        expect(server.logged().some((line) => JSON.stringify(line).includes(SECRET_ERROR_TEXT))).toBe(true);
      });

      it("answers HEAD like GET without a body, and neither HEAD nor OPTIONS crashes", async () => {
        const head = await server.call("HEAD", "/api/v1/pleroma/test/echo?x=1");
        expect(head.status).toBe(200);
        expect(head.headers.get("content-type")).toContain("application/json");
        expect(head.text).toBe("");
        const id = randomId();
        expect((await server.call("HEAD", `/api/v1/pleroma/test/stream?id=${id}&chunks=100000`)).status).toBe(200);
        expect(server.probes.get(id)?.finished).toBe(false);
        const options = await server.call("OPTIONS", "/api/v1/pleroma/test/echo");
        expect(options.status).toBeLessThan(500);
        expect((await server.call("GET", "/host/ping")).text).toBe("pong");
      });
    });

    describe("after the host's JSON and urlencoded body parser", () => {
      const server = useServer(mount, { hostBodyParser: true });

      it("the host parser really runs (its own route sees the parsed body)", async () => {
        const value = randomId();
        const res = await server.call("POST", "/host/echo", { json: { value } });
        expect(res.json).toEqual({ body: { value } });
      });

      it("reuses the parsed JSON body instead of reading the stream again", async () => {
        const payload = { value: randomId(), list: [1, 2] };
        const res = await server.call("POST", "/api/v1/pleroma/test/echo", { json: payload });
        expect(res.status).toBe(200);
        expect(res.json).toEqual({ input: payload, viewer: null });
      });

      it("reuses the parsed urlencoded body, a[] lists included", async () => {
        const b = randomId();
        const res = await server.call("POST", "/api/pleroma/test/echo", { form: `a[]=1&a[]=2&b=${b}` });
        expect(res.json).toEqual({ input: { a: ["1", "2"], b }, viewer: null });
      });

      it("still streams multipart bodies the host parser skipped", async () => {
        const bytes = randomBytes(2_000);
        const form = new FormData();
        form.append("file", new Blob([bytes]), "f.bin");
        const res = await server.call("POST", "/api/v1/pleroma/test/echo", { body: form });
        expect(res.status).toBe(200);
        expect((res.json as { input: { file: { sha256: string } } }).input.file.sha256).toBe(await sha256(new Blob([bytes])));
      });

      it("accepts Content-Type: application/json with no body", async () => {
        const res = await server.call("DELETE", "/api/v1/pleroma/test/echo", { headers: { "content-type": "application/json" } });
        expect(res.json).toEqual({ input: {}, viewer: null });
      });

      it("still authenticates with the access_token body parameter", async () => {
        const res = await server.call("POST", "/api/v1/pleroma/test/echo", { form: `access_token=${FAKE_CREDENTIALS.token}` });
        expect((res.json as { viewer: string }).viewer).toBe(FAKE_CREDENTIALS.userId);
      });
    });

    if (!options.skip?.includes("consumedMultipart")) {
      describe("after host middleware that consumed a multipart body", () => {
        const server = useServer(mount, { hostBodyParser: true, hostMultipartReader: true });

        it("fails fast with 400 BODY_ALREADY_CONSUMED instead of hanging", async () => {
          const form = new FormData();
          form.append("file", new Blob([randomBytes(5_000)]), "f.bin");
          const started = Date.now();
          const res = await server.call("POST", "/api/v1/pleroma/test/echo", { body: form });
          expect(res.status).toBe(400);
          expect(res.json).toEqual({ error: "The request body was consumed by another middleware before pleroma-kit." });
          expect(Date.now() - started).toBeLessThan(HANG_MS);
        });

        it("JSON bodies still work there", async () => {
          const value = randomId();
          expect((await server.call("POST", "/api/v1/pleroma/test/echo", { json: { value } })).json).toEqual({ input: { value }, viewer: null });
        });
      });
    }
  });
}

interface CallInit {
  /** An object is serialised; a string is sent as is with the JSON content type. */
  readonly json?: unknown;
  /** A urlencoded body. */
  readonly form?: string;
  readonly body?: BodyInit;
  readonly headers?: Record<string, string>;
}

interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

/** One mounted server per `describe`, with a fresh kit; torn down after the group. */
function useServer(mount: MountFn, options: MountOptions) {
  let bound: BindingKit | null = null;
  let server: MountedServer | null = null;
  beforeAll(async () => {
    bound = createBindingKit();
    server = await mount(bound.kit, options);
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get baseUrl() {
      return server!.baseUrl;
    },
    get probes() {
      return bound!.probes;
    },
    get kit() {
      return bound!.kit;
    },
    logged: () => bound!.logged,
    async call(method: string, path: string, init: CallInit = {}): Promise<CallResult> {
      const headers: Record<string, string> = { ...init.headers };
      let body = init.body;
      if (init.json !== undefined) {
        body = typeof init.json === "string" ? init.json : JSON.stringify(init.json);
        headers["content-type"] = "application/json";
      } else if (init.form !== undefined) {
        body = init.form;
        headers["content-type"] = "application/x-www-form-urlencoded";
      }
      const res = await fetch(`${server!.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(HANG_MS) });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text === "" ? null : JSON.parse(text);
      } catch {
        json = null;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
  };
}

/**
 * Sends a chunked body of up to `total` bytes (no Content-Length), stopping as soon as the
 * response arrives. Node's client, not fetch: it lets us watch how much went out.
 */
function streamUpload(baseUrl: string, path: string, total: number): Promise<{ status: number; text: string; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(4096, 0x61);
    let bytesSent = 0;
    let answered = false;
    const req = httpRequest(`${baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, timeout: HANG_MS });
    req.on("response", (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (part: string) => (text += part));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text, bytesSent }));
      res.on("error", reject);
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    req.on("timeout", () => req.destroy(new Error("upload timed out")));
    // Paced like a real upload, so the answer can arrive long before the body is complete.
    const pump = () => {
      if (answered) return;
      if (bytesSent >= total) return void req.end();
      bytesSent += chunk.byteLength;
      if (req.write(chunk)) setTimeout(pump, 1);
      else req.once("drain", pump);
    };
    pump();
  });
}

/** True when `text` looks like one of our own error bodies (`{"error": "..."}` alone). */
function isKitErrorBody(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "error" in value;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function randomId(): string {
  return randomBytes(6).toString("hex");
}
