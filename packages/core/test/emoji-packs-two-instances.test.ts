/**
 * Two instances on loopback, each a node:http server running a kit through the Node bridge: the
 * second lists the first's packs and downloads a pack of more than 30 emoji, byte-identical and
 * hash-checked; a tampering proxy in between gets the download refused with nothing left behind.
 */
import { createHash } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { handleNodeRequest } from "@pleroma-kit/core/node";
import { createPleromaKit, defineRoute, okAsync, guardedHttpClient, localFileStore, silentLogger, type HttpClient, type PleromaKit } from "../src/index.js";
import { fakeHost } from "./support/fake-host.js";
import { png } from "./support/packs.js";

const EMOJI_COUNT = 45;
const servers: Server[] = [];
const dirs: string[] = [];

/** Nodeinfo is the host's; these two routes stand in for it, advertising pack sharing. */
const nodeinfoRoutes = (baseUrl: () => string) => [
  defineRoute({
    name: "testHost.nodeinfoIndex",
    method: "GET",
    paths: ["/.well-known/nodeinfo"],
    auth: "none",
    summary: "nodeinfo index (test host)",
    handler: () => okAsync({ links: [{ rel: "http://nodeinfo.diaspora.software/ns/schema/2.1", href: `${baseUrl()}/nodeinfo/2.1` }] }),
  }),
  defineRoute({
    name: "testHost.nodeinfo",
    method: "GET",
    paths: ["/nodeinfo/2.1"],
    auth: "none",
    summary: "nodeinfo (test host)",
    handler: () => okAsync({ version: "2.1", metadata: { features: ["shareable_emoji_packs", "pleroma_emoji_reactions"] } }),
  }),
];

interface Instance {
  readonly kit: PleromaKit;
  readonly url: string;
  readonly dir: string;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function instance(http: HttpClient): Promise<Instance> {
  const dir = await mkdtemp(join(tmpdir(), "pk-instance-"));
  dirs.push(dir);
  let kit: PleromaKit | null = null;
  const { url } = await listen((req, res) => {
    void handleNodeRequest(kit!.fetch, req, res).then((handled) => {
      if (!handled) res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not implemented"}');
    });
  });
  kit = createPleromaKit({
    baseUrl: url,
    store: createMemoryStore(),
    host: fakeHost().ports,
    logger: silentLogger,
    files: localFileStore(dir),
    packs: { http },
    extraRoutes: () => nodeinfoRoutes(() => url),
  });
  return { kit, url, dir };
}

/** A real HTTP call against an instance, as an admin. */
async function call(base: string, method: string, path: string, body?: BodyInit | object) {
  const init: RequestInit = { method, headers: { authorization: "Bearer admin-token" } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const res = await fetch(`${base}${path}`, init);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const json = (res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  return { status: res.status, body: json, bytes };
}

/** Every file below `dir` with its SHA-256, relative paths sorted. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of (await readdir(dir, { recursive: true })).map(String).sort()) {
    const data = await readFile(join(dir, rel)).catch(() => null);
    if (data) out[rel] = createHash("sha256").update(data).digest("hex");
  }
  return out;
}

let first: Instance;
let second: Instance;
let tamperingProxy: string;

beforeAll(async () => {
  const loopbackOnly = guardedHttpClient({ allow: ["127.0.0.1/32"] });
  first = await instance(loopbackOnly);
  second = await instance(loopbackOnly);

  // Build a pack of 45 emoji on the first instance through its own API.
  expect((await call(first.url, "POST", "/api/v1/pleroma/emoji/pack?name=big%20pack")).body).toBe("ok");
  const zip = zipSync(Object.fromEntries(Array.from({ length: EMOJI_COUNT }, (_, i) => [`${i % 3 === 0 ? "sub/" : ""}emoji_${i}.png`, png(`first-${i}`)])));
  const form = new FormData();
  form.append("file", new Blob([zip], { type: "application/zip" }), "pack.zip");
  expect((await call(first.url, "POST", "/api/v1/pleroma/emoji/packs/files?name=big%20pack", form)).status).toBe(200);
  expect((await call(first.url, "PATCH", "/api/v1/pleroma/emoji/pack?name=big%20pack", { metadata: { "share-files": true, license: "CC0" } })).status).toBe(200);

  // A man in the middle that serves the first instance faithfully, except for archives: one byte flipped.
  tamperingProxy = (
    await listen((req, res) => {
      const upstream = httpRequest(`${first.url}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
        const chunks: Buffer[] = [];
        up.on("data", (c: Buffer) => chunks.push(c));
        up.on("end", () => {
          let body = Buffer.concat(chunks);
          if (req.url?.startsWith("/api/v1/pleroma/emoji/packs/archive")) body[body.length >> 1]! ^= 0xff;
          // The nodeinfo index must point back through the proxy.
          body = Buffer.from(body.toString("latin1").split(first.url).join(tamperingProxy), "latin1");
          const { "transfer-encoding": _chunked, connection: _c, ...rest } = up.headers;
          const headers = { ...rest, "content-length": String(body.length) };
          res.writeHead(up.statusCode ?? 502, headers).end(body);
        });
      });
      req.pipe(upstream);
    })
  ).url;
});

afterAll(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())));
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe("two instances on loopback", () => {
  it("the second lists the first's packs through the guarded client", async () => {
    const res = await call(second.url, "GET", `/api/v1/pleroma/emoji/packs/remote?url=${encodeURIComponent(first.url)}`);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
    expect(res.body.packs["big pack"].files_count).toBe(EMOJI_COUNT);
    expect(res.body.packs["big pack"].pack).toMatchObject({ "share-files": true, "can-download": true });
  });

  it("downloads a pack of more than 30 emoji byte-identical, with the same archive hash", async () => {
    const res = await call(second.url, "POST", "/api/v1/pleroma/emoji/packs/download", { url: first.url, name: "big pack", as: "copied" });
    expect(res).toMatchObject({ status: 200, body: "ok" });
    const original = await tree(join(first.dir, "emoji", "big pack"));
    const copy = await tree(join(second.dir, "emoji", "copied"));
    expect(Object.keys(original)).toHaveLength(EMOJI_COUNT + 1);
    expect(copy).toEqual(original);
    const a = await call(first.url, "GET", "/api/v1/pleroma/emoji/pack?name=big%20pack");
    const b = await call(second.url, "GET", "/api/v1/pleroma/emoji/pack?name=copied");
    expect(b.body.files_count).toBe(EMOJI_COUNT);
    expect(b.body.pack["download-sha256"]).toBe(a.body.pack["download-sha256"]);
    // The archive the first serves hashes to what it advertises.
    const archive = await call(first.url, "GET", "/api/v1/pleroma/emoji/packs/archive?name=big%20pack");
    expect(createHash("sha256").update(archive.bytes).digest("hex").toUpperCase()).toBe(a.body.pack["download-sha256"]);
    // And the copied emoji are usable on the second at once, served from its own files.
    const emoji = await call(second.url, "GET", "/api/v1/pleroma/emoji");
    expect(Object.keys(emoji.body)).toHaveLength(EMOJI_COUNT);
    const image = await fetch(`${second.url}${emoji.body.emoji_3.image_url}`);
    expect(image.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await image.arrayBuffer()), Buffer.from(png("first-3")))).toBe(0);
  });

  it("refuses an archive tampered with in transit and leaves nothing behind", async () => {
    const before = await tree(second.dir);
    const res = await call(second.url, "POST", "/api/v1/pleroma/emoji/packs/download", { url: tamperingProxy, name: "big pack", as: "tampered" });
    expect(res).toMatchObject({ status: 500, body: { error: "SHA256 for the pack doesn't match the one sent by the server" } });
    expect(await tree(second.dir)).toEqual(before);
  });

  it("an instance without the allow-list cannot reach loopback at all", async () => {
    const closed = await instance(guardedHttpClient());
    const res = await call(closed.url, "POST", "/api/v1/pleroma/emoji/packs/download", { url: first.url, name: "big pack" });
    expect(res).toMatchObject({ status: 422, body: { error: "The remote resource could not be fetched: the address is not allowed" } });
    expect(await tree(closed.dir)).toEqual({});
  });
});
