import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { guardedHttpClient } from "../src/index.js";
import { packsKit, png, sha256, stubHttp } from "./support/packs.js";

const P = "/api/v1/pleroma/emoji";
const R = "https://remote.example";

/** A remote that advertises pack sharing through nodeinfo, plus whatever `extra` routes. */
function remote(extra: Parameters<typeof stubHttp>[0] = {}, features = ["shareable_emoji_packs"]) {
  return stubHttp({
    [`${R}/.well-known/nodeinfo`]: () => ({
      body: JSON.stringify({ links: [{ rel: "old", href: `${R}/nodeinfo/2.0` }, { rel: "new", href: `${R}/nodeinfo/2.1` }] }),
    }),
    [`${R}/nodeinfo/2.1`]: () => ({ body: JSON.stringify({ metadata: { features } }) }),
    ...extra,
  });
}

const showUrl = (name: string, page: number) => `${R}/api/v1/pleroma/emoji/pack?name=${encodeURIComponent(name).replace(/%20/g, "+")}&page=${page}&page_size=500`;

describe("remote pack list (1.14)", () => {
  it("checks the last nodeinfo link and forwards paging, answering the remote body verbatim", async () => {
    const listing = { count: 7, packs: { x: { files: {}, files_count: 0, pack: {} } } };
    const http = remote({
      [`${R}/api/v1/pleroma/emoji/packs?page=2&page_size=1`]: () => ({ body: JSON.stringify(listing) }),
      [`${R}/api/v1/pleroma/emoji/packs?page=1&page_size=30`]: () => ({ body: JSON.stringify({ count: 0, packs: {} }) }),
    });
    const t = packsKit({ http: http.client });
    expect(await t.call("GET", `${P}/packs/remote?url=${encodeURIComponent(` ${R}/some/path `)}&page=2&page_size=1`)).toMatchObject({
      status: 200,
      body: listing,
    });
    expect(await t.call("GET", `${P}/packs/remote?url=${R}`)).toMatchObject({ status: 200, body: { count: 0 } });
    expect(http.asked).toContain(`${R}/nodeinfo/2.1`);
    expect(http.asked).not.toContain(`${R}/nodeinfo/2.0`);
  });

  it("answers Akkoma's error when the remote does not share packs", async () => {
    const t = packsKit({ http: remote({}, ["pleroma_emoji_reactions"]).client });
    expect(await t.call("GET", `${P}/packs/remote?url=${R}`)).toMatchObject({
      status: 500,
      body: { error: "The requested instance does not support sharing emoji packs" },
    });
  });

  it("refuses private addresses through the default guarded client (4xx, not a crash)", async () => {
    const t = packsKit({ http: guardedHttpClient() });
    for (const url of ["http://127.0.0.1:1", "http://[::1]:1", "http://169.254.169.254", "file:///etc/passwd"]) {
      const res = await t.call("GET", `${P}/packs/remote?url=${encodeURIComponent(url)}`);
      expect(res.status, url).toBe(422);
      expect(res.body.error, url).toMatch(/^The remote resource could not be fetched/);
    }
  });

  it("answers 422 when the remote is unreachable or not JSON", async () => {
    const t = packsKit({ http: stubHttp({ [`${R}/.well-known/nodeinfo`]: () => ({ body: "<html>" }) }).client });
    expect((await t.call("GET", `${P}/packs/remote?url=${R}`)).status).toBe(422);
    expect((await t.call("GET", `${P}/packs/remote?url=https://gone.example`)).status).toBe(422);
  });
});

describe("download (1.15)", () => {
  const files = { a: "a.png", b: "sub/b.png" };
  const bytes = { "a.png": png("ra"), "sub/b.png": png("rb") };
  const manifest = strToU8(JSON.stringify({ files, pack: { license: "remote license", "share-files": true } }));
  const archive = zipSync({ "pack.json": manifest, ...bytes });

  it("installs a shared pack from its archive, verified, keeping the archive's metadata", async () => {
    const http = remote({
      [showUrl("blobs", 1)]: () => ({
        body: JSON.stringify({ files, files_count: 2, pack: { "share-files": true, "can-download": true, "download-sha256": sha256(archive).toLowerCase() } }),
      }),
      [`${R}/api/v1/pleroma/emoji/packs/archive?name=blobs`]: () => ({ body: archive, contentType: "application/zip" }),
    });
    const t = packsKit({ http: http.client });
    expect(await t.call("POST", `${P}/packs/download`, { body: { url: R, name: "blobs", as: "local blobs" } })).toMatchObject({ status: 200, body: "ok" });
    const shown = await t.call("GET", `${P}/pack?name=${encodeURIComponent("local blobs")}`);
    expect(shown.body).toMatchObject({ files, files_count: 2, pack: { license: "remote license" } });
    const stored = await new Response(await t.files.read("emoji/local blobs/sub/b.png")).arrayBuffer();
    expect(Buffer.compare(Buffer.from(stored), Buffer.from(bytes["sub/b.png"]))).toBe(0);
    expect(await t.files.list("emoji-staging")).toEqual([]);
    // The catalog sees the new emoji at once (Akkoma needs a reload).
    expect(Object.keys((await t.call("GET", "/api/v1/pleroma/emoji")).body).sort()).toEqual(["a", "b"]);
    // A second download onto the same name is refused instead of merged.
    expect(await t.call("POST", `${P}/packs/download`, { body: { url: R, name: "blobs", as: "local blobs" } })).toMatchObject({
      status: 409,
      body: { error: 'A pack named "local blobs" already exists' },
    });
  });

  it("falls back to fallback-src with an empty pack object", async () => {
    const fallback = zipSync(bytes);
    const http = remote({
      [showUrl("fb", 1)]: () => ({
        body: JSON.stringify({ files, files_count: 2, pack: { "share-files": false, "fallback-src": "https://cdn.example/fb.zip", "fallback-src-sha256": sha256(fallback) } }),
      }),
      "https://cdn.example/fb.zip": () => ({ body: fallback }),
    });
    const t = packsKit({ http: http.client });
    expect(await t.call("POST", `${P}/packs/download`, { body: { url: R, name: "fb" } })).toMatchObject({ status: 200, body: "ok" });
    expect((await t.call("GET", `${P}/pack?name=fb`)).body).toMatchObject({ files, pack: { "can-download": false } });
    expect(Object.keys((await t.call("GET", `${P}/pack?name=fb`)).body.pack)).toEqual(["can-download"]);
  });

  it.each([
    ["a tampered archive", { "share-files": true, "can-download": true, "download-sha256": "0".repeat(64) }, archive, 500, "SHA256 for the pack doesn't match the one sent by the server"],
    ["no sharing and no fallback", { "share-files": false }, archive, 500, "The pack was not set as shared and there is no fallback src to download from"],
    ["a symlink entry", null, zipSync({ "pack.json": manifest, ...bytes, "evil.png": [strToU8("/etc/passwd"), { os: 3, attrs: (0o120777 << 16) >>> 0 }] }), 422, "Invalid archive: not a regular file (symlink or device): evil.png"],
    ["a listed file missing", null, zipSync({ "pack.json": manifest, "a.png": bytes["a.png"] }), 422, "Invalid archive: sub/b.png is missing"],
    ["a non-image file", null, zipSync({ "pack.json": manifest, "a.png": bytes["a.png"], "sub/b.png": strToU8("<svg/>") }), 422, "Invalid archive: sub/b.png is not a supported image"],
  ])("refuses %s and leaves nothing behind", async (_, meta, zip, status, error) => {
    const http = remote({
      [showUrl("blobs", 1)]: () => ({
        body: JSON.stringify({ files, files_count: 2, pack: meta ?? { "share-files": true, "can-download": true, "download-sha256": sha256(zip) } }),
      }),
      [`${R}/api/v1/pleroma/emoji/packs/archive?name=blobs`]: () => ({ body: zip }),
    });
    const t = packsKit({ http: http.client });
    expect(await t.call("POST", `${P}/packs/download`, { body: { url: R, name: "blobs" } })).toMatchObject({ status, body: { error } });
    expect(await t.snapshot()).toEqual({});
  });

  it("reads every page of the remote file list (Akkoma stops at the first 30)", async () => {
    const many = Object.fromEntries(Array.from({ length: 620 }, (_, i) => [`e${String(i).padStart(3, "0")}`, `e${i}.png`]));
    const codes = Object.keys(many).sort();
    const page = (n: number) => Object.fromEntries(codes.slice((n - 1) * 500, n * 500).map((c) => [c, many[c]!]));
    // The archive's own pack.json lists only some files: the remote listing must fill in the rest.
    const zip = zipSync({
      "pack.json": strToU8(JSON.stringify({ files: page(1), pack: {} })),
      ...Object.fromEntries(Object.values(many).map((p) => [p, png(p)])),
    });
    const pack = { "share-files": true, "can-download": true, "download-sha256": sha256(zip) };
    const http = remote({
      [showUrl("big", 1)]: () => ({ body: JSON.stringify({ files: page(1), files_count: 620, pack }) }),
      [showUrl("big", 2)]: () => ({ body: JSON.stringify({ files: page(2), files_count: 620, pack }) }),
      [`${R}/api/v1/pleroma/emoji/packs/archive?name=big`]: () => ({ body: zip }),
    });
    const t = packsKit({ http: http.client });
    expect((await t.call("POST", `${P}/packs/download`, { body: { url: R, name: "big" } })).status).toBe(200);
    expect((await t.call("GET", `${P}/pack?name=big`)).body.files_count).toBe(620);
    expect((await t.files.list("emoji/big")).length).toBe(621);
  });
});
