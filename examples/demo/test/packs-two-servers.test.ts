/**
 * Issue 5 against two demo servers on loopback: the second lists the first's packs and downloads
 * a pack of more than 30 emoji, byte-identical with its sha256 checked; an archive tampered with in
 * transit is refused and leaves nothing behind. The second server may reach loopback only because
 * it is started with the fetch allow-list (PLEROMA_KIT_FETCH_ALLOW) set to 127.0.0.1/32.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, quickUser, startServer, stores, TINY_PNG, unique } from "./support.js";

const EMOJI = 35;

describe("emoji packs between two demo servers", () => {
  let origin: Awaited<ReturnType<typeof startServer>>;
  let mirror: Awaited<ReturnType<typeof startServer>>;
  let proxy: Server;
  let proxyUrl: string;
  const pack = unique("shared");

  beforeAll(async () => {
    origin = await startServer("express", stores[0]!);
    mirror = await startServer("fastify", stores[0]!, { fetchAllow: "127.0.0.1/32" });
    // A man in the middle: relays the origin faithfully but flips one byte of every archive.
    proxy = createServer((req, res) => {
      const upstream = request(`${origin.server.url}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(origin.server.url).host } }, (up) => {
        const chunks: Buffer[] = [];
        up.on("data", (c) => chunks.push(c));
        up.on("end", () => {
          let body = Buffer.concat(chunks);
          if (req.url?.includes("/emoji/packs/archive")) body[body.length - 30]! ^= 0xff;
          else body = Buffer.from(body.toString("latin1").split(origin.server.url).join(proxyUrl), "latin1");
          const { "transfer-encoding": _chunked, ...rest } = up.headers;
          const headers = { ...rest, "content-length": String(body.length) };
          res.writeHead(up.statusCode ?? 502, headers).end(body);
        });
      });
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

    const call = client(origin.server);
    const admin = await quickUser(origin.server, unique("admin"), { isAdmin: true });
    await call("POST", `/api/v1/pleroma/emoji/pack?name=${pack}`, { token: admin.token, json: {} });
    for (let i = 0; i < EMOJI; i++) {
      const f = new FormData();
      f.append("shortcode", `e${i}`);
      // Distinct bytes per file: a PNG followed by a marker byte (still an image by its magic bytes).
      f.append("file", new Blob([Buffer.concat([TINY_PNG, Buffer.from([i])])], { type: "image/png" }), `e${i}.png`);
      expect((await call("POST", `/api/v1/pleroma/emoji/packs/files?name=${pack}`, { token: admin.token, form: f })).status).toBe(200);
    }
    await call("PATCH", `/api/v1/pleroma/emoji/pack?name=${pack}`, { token: admin.token, json: { metadata: { "share-files": true, license: "CC0" } } });
  }, 60_000);

  afterAll(async () => {
    proxy?.close();
    await origin?.stop();
    await mirror?.stop();
  });

  it("lists the origin's packs and downloads one of more than 30 emoji byte-identical", async () => {
    const call = client(mirror.server);
    const admin = await quickUser(mirror.server, unique("admin"), { isAdmin: true });
    const remote = await call("GET", `/api/v1/pleroma/emoji/packs/remote?url=${encodeURIComponent(origin.server.url)}`, { token: admin.token });
    expect(remote.status).toBe(200);
    expect(remote.body.packs[pack].files_count).toBe(EMOJI);
    const copy = `${pack}_copy`;
    const downloaded = await call("POST", "/api/v1/pleroma/emoji/packs/download", { token: admin.token, json: { url: origin.server.url, name: pack, as: copy } });
    expect(downloaded).toMatchObject({ status: 200, body: "ok" });
    const local = await call("GET", `/api/v1/pleroma/emoji/pack?name=${copy}&page_size=100`);
    expect(Object.keys(local.body.files)).toHaveLength(EMOJI);
    for (let i = 0; i < EMOJI; i++) {
      const [a, b] = await Promise.all([
        fetch(`${origin.server.url}/emoji/${pack}/e${i}.png`).then((r) => r.arrayBuffer()),
        fetch(`${mirror.server.url}/emoji/${copy}/e${i}.png`).then((r) => r.arrayBuffer()),
      ]);
      expect(Buffer.from(b)).toEqual(Buffer.from(a));
    }
    expect((await call("GET", "/api/v1/pleroma/emoji")).body[`e${EMOJI - 1}`]).toBeDefined();
  }, 60_000);

  it("refuses an archive tampered with in transit and leaves nothing behind", async () => {
    const call = client(mirror.server);
    const admin = await quickUser(mirror.server, unique("admin"), { isAdmin: true });
    const before = (await call("GET", "/api/v1/pleroma/emoji/packs?page_size=100")).body;
    const res = await call("POST", "/api/v1/pleroma/emoji/packs/download", { token: admin.token, json: { url: proxyUrl, name: pack, as: `${pack}_evil` } });
    // Akkoma's own answer for a hash mismatch, kept for compatibility.
    expect(res).toMatchObject({ status: 500, body: { error: "SHA256 for the pack doesn't match the one sent by the server" } });
    expect((await call("GET", `/api/v1/pleroma/emoji/pack?name=${pack}_evil`)).status).toBe(404);
    expect((await call("GET", "/api/v1/pleroma/emoji/packs?page_size=100")).body).toEqual(before);
  }, 60_000);
});
