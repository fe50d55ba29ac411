import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { packsKit, png, gif, seedPack, sha256, stubHttp } from "./support/packs.js";

const P = "/api/v1/pleroma/emoji";
const enc = encodeURIComponent;

describe("pack admin auth (content.md 1.6)", () => {
  it("needs staff with admin:write; moderators pass; the staff check runs before the scope check", async () => {
    const t = packsKit();
    expect(await t.call("POST", `${P}/pack?name=a`, { token: null })).toMatchObject({ status: 403, body: { error: "Invalid credentials." } });
    expect(await t.call("POST", `${P}/pack?name=a`, { token: "u1-token" })).toMatchObject({ status: 403, body: { error: "User is not a staff member." } });
    expect(await t.call("POST", `${P}/pack?name=a`, { token: "admin-read" })).toMatchObject({
      status: 403,
      body: { error: "Insufficient permissions: admin:write." },
    });
    expect(await t.call("POST", `${P}/pack?name=a`, { token: "mod-token" })).toMatchObject({ status: 200, body: "ok" });
    expect(await t.call("GET", `${P}/packs/import`, { token: "u1-token" })).toMatchObject({ status: 403 });
    expect(await t.call("GET", `${P}/packs/remote?url=https://x.example`, { token: null })).toMatchObject({ status: 403 });
  });

  it("serves list, show and archive anonymously even on a private instance", async () => {
    const t = packsKit({ overrides: { instance: { public: false } } });
    await seedPack(t.put, "shared", { a: "a.png" }, { "share-files": true });
    expect((await t.call("GET", `${P}/packs`, { token: null })).status).toBe(200);
    expect((await t.call("GET", `${P}/pack?name=shared`, { token: null })).status).toBe(200);
    expect((await t.call("GET", `${P}/packs/archive?name=shared`, { token: null })).status).toBe(200);
  });
});

describe("create and delete (1.10, 1.12)", () => {
  it("creates an empty pack.json in Akkoma's layout and refuses an existing name", async () => {
    const t = packsKit();
    expect(await t.call("POST", `${P}/pack?name=${enc(" fresh ")}`)).toMatchObject({ status: 200, body: "ok" });
    const stream = await t.files.read("emoji/fresh/pack.json");
    expect(JSON.parse(await new Response(stream).text())).toEqual({ files: {}, pack: {}, files_count: 0 });
    expect(await t.call("POST", `${P}/pack?name=fresh`)).toMatchObject({ status: 409, body: { error: 'A pack named "fresh" already exists' } });
    await t.put("emoji/nojson/a.png", png());
    expect(await t.call("POST", `${P}/pack?name=nojson`)).toMatchObject({ status: 409 });
    expect(await t.call("POST", `${P}/pack?name=%20`)).toMatchObject({ status: 400, body: { error: "pack name cannot be empty" } });
  });

  it("deletes a pack directory, with or without pack.json", async () => {
    const t = packsKit();
    await seedPack(t.put, "gone", { a: "a.png", b: "sub/b.png" });
    await t.put("emoji/plain/x.png", png());
    expect(await t.call("DELETE", `${P}/pack?name=gone`)).toMatchObject({ status: 200, body: "ok" });
    expect(await t.call("DELETE", `${P}/pack?name=plain`)).toMatchObject({ status: 200, body: "ok" });
    expect(await t.snapshot()).toEqual({});
    expect(await t.call("DELETE", `${P}/pack?name=gone`)).toMatchObject({ status: 404, body: { error: "Pack gone does not exist" } });
    expect(await t.call("DELETE", `${P}/pack?name=%20%20`)).toMatchObject({ status: 400, body: { error: "pack name cannot be empty" } });
  });
});

describe("list and show (1.7, 1.8)", () => {
  async function fixture() {
    const t = packsKit();
    await seedPack(t.put, "test_pack", { blank: "blank.png", blank2: "blank2.png" }, { "share-files": true, license: "CC0" });
    await seedPack(t.put, "private_pack", { p: "p.png" }, { "share-files": false });
    await seedPack(t.put, "blobs.gg", { blob: "blob.png" }, { "share-files": true });
    await seedPack(t.put, "test with spaces", { s: "s.png" }, {});
    await seedPack(t.put, "missing_file", { m: "m.png", gone: "gone.png" }, { "share-files": true });
    await t.files.delete("emoji/missing_file/gone.png");
    await t.put("emoji/no_pack_json/x.png", png());
    await t.put("emoji/broken/pack.json", "{ not json");
    await t.put("emoji/loose.png", png());
    return t;
  }

  it("counts loadable packs, lists every file, and advertises the archive hash only for shared, complete packs", async () => {
    const t = await fixture();
    const res = await t.call("GET", `${P}/packs`, { token: null });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(5);
    expect(Object.keys(res.body.packs).sort()).toEqual(["blobs.gg", "missing_file", "private_pack", "test with spaces", "test_pack"]);
    const shared = res.body.packs.test_pack;
    expect(shared.files).toEqual({ blank: "blank.png", blank2: "blank2.png" });
    expect(shared.files_count).toBe(2);
    expect(shared.pack).toMatchObject({ "share-files": true, license: "CC0", "can-download": true });
    expect(shared.pack["download-sha256"]).toMatch(/^[0-9A-F]{64}$/);
    expect(res.body.packs.private_pack.pack).toEqual({ "share-files": false, "can-download": false });
    expect(res.body.packs.missing_file.pack["can-download"]).toBe(false);
    expect(res.body.packs.missing_file.pack).not.toHaveProperty("download-sha256");
  });

  it("pages packs by name and keeps count; tolerates page=0, page_size=0, past-the-end and empty values", async () => {
    const t = await fixture();
    const seen: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const res = await t.call("GET", `${P}/packs?page=${page}&page_size=1`);
      expect(res.body.count).toBe(5);
      expect(Object.keys(res.body.packs)).toHaveLength(1);
      seen.push(...Object.keys(res.body.packs));
    }
    expect(new Set(seen).size).toBe(5);
    expect(await t.call("GET", `${P}/packs?page=0&page_size=0`)).toMatchObject({ status: 200, body: { count: 5, packs: {} } });
    expect(await t.call("GET", `${P}/packs?page=9&page_size=2`)).toMatchObject({ status: 200, body: { count: 5, packs: {} } });
    expect(Object.keys((await t.call("GET", `${P}/packs?page=0&page_size=2`)).body.packs)).toEqual(["blobs.gg", "missing_file"]);
    expect(Object.keys((await t.call("GET", `${P}/packs?page=&page_size=`)).body.packs)).toHaveLength(5);
    // admin-fe refreshes after a download with page=undefined: read as no page, not a 400.
    expect(Object.keys((await t.call("GET", `${P}/packs?page=undefined&page_size=undefined`)).body.packs)).toHaveLength(5);
    expect(await t.call("GET", `${P}/packs?page=abc`)).toMatchObject({ status: 400 });
  });

  it("shows one pack with its files paginated by shortcode and the full count", async () => {
    const t = await fixture();
    const all = await t.call("GET", `${P}/pack?name=test_pack`, { token: null });
    expect(all.body).toMatchObject({ files: { blank: "blank.png", blank2: "blank2.png" }, files_count: 2 });
    const first = await t.call("GET", `${P}/pack?name=test_pack&page_size=1`);
    const second = await t.call("GET", `${P}/pack?name=test_pack&page_size=1&page=2`);
    expect(first.body).toMatchObject({ files: { blank: "blank.png" }, files_count: 2 });
    expect(second.body).toMatchObject({ files: { blank2: "blank2.png" }, files_count: 2 });
    // The hash always covers the whole pack, whatever page was asked first.
    expect(first.body.pack["download-sha256"]).toBe(all.body.pack["download-sha256"]);
    expect((await t.call("GET", `${P}/pack?name=blobs.gg`)).status).toBe(200);
    expect((await t.call("GET", `${P}/pack?name=${enc("test with spaces")}`)).status).toBe(200);
  });

  it.each([
    ["", 400, "Missing field: name."],
    ["?name=%20", 400, "pack name cannot be empty"],
    ["?name=nope", 404, "Pack nope does not exist"],
    ["?name=no_pack_json", 404, "Pack no_pack_json does not exist"],
    ["?name=broken", 404, "Pack broken does not exist"],
  ])("show %s -> %i", async (query, status, error) => {
    const t = await fixture();
    expect(await t.call("GET", `${P}/pack${query}`)).toMatchObject({ status, body: { error } });
  });
});

describe("archive (1.5, 1.9)", () => {
  it("serves a zip whose SHA-256 is the advertised download-sha256, with pack.json and every file", async () => {
    const t = packsKit();
    await seedPack(t.put, "arch", { a: "a.png", b: "sub/b.png", c: "a.png" }, { "share-files": true });
    const res = await t.call("GET", `${P}/packs/archive?name=arch`, { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="arch.zip"; filename*=UTF-8''arch.zip`);
    const listed = await t.call("GET", `${P}/packs`);
    expect(sha256(res.bytes)).toBe(listed.body.packs.arch.pack["download-sha256"]);
    const entries = unzipSync(res.bytes);
    expect(Object.keys(entries).sort()).toEqual(["a.png", "pack.json", "sub/b.png"]);
    const stored = await new Response(await t.files.read("emoji/arch/sub/b.png")).arrayBuffer();
    expect(Buffer.compare(Buffer.from(entries["sub/b.png"]!), Buffer.from(stored))).toBe(0);
    // Served again: same bytes (cached or rebuilt deterministically).
    expect(sha256((await t.call("GET", `${P}/packs/archive?name=arch`)).bytes)).toBe(sha256(res.bytes));
  });

  it("changes the hash as soon as the pack changes", async () => {
    const t = packsKit();
    await seedPack(t.put, "arch", { a: "a.png" }, { "share-files": true });
    const before = (await t.call("GET", `${P}/pack?name=arch`)).body.pack["download-sha256"];
    await t.call("POST", `${P}/packs/files?name=arch`, { body: t.form({ file: [png("new"), "n.png", "image/png"] }) });
    const after = (await t.call("GET", `${P}/pack?name=arch`)).body.pack["download-sha256"];
    expect(after).not.toBe(before);
    expect(sha256((await t.call("GET", `${P}/packs/archive?name=arch`)).bytes)).toBe(after);
    // A file replaced behind the library's back is seen too (sizes and times are fingerprinted).
    await t.put("emoji/arch/a.png", png("replaced-behind-our-back"));
    const third = (await t.call("GET", `${P}/pack?name=arch`)).body.pack["download-sha256"];
    expect(third).not.toBe(after);
    expect(sha256((await t.call("GET", `${P}/packs/archive?name=arch`)).bytes)).toBe(third);
  });

  it("refuses unshared or incomplete packs with 403 and unknown ones with 404", async () => {
    const t = packsKit();
    await seedPack(t.put, "closed", { a: "a.png" }, { "share-files": false });
    await seedPack(t.put, "holey", { a: "a.png", b: "b.png" }, { "share-files": true });
    await t.files.delete("emoji/holey/b.png");
    const text = (n: string) =>
      `Pack ${n} cannot be downloaded from this instance, either pack sharing was disabled for this pack or some files are missing`;
    expect(await t.call("GET", `${P}/packs/archive?name=closed`)).toMatchObject({ status: 403, body: { error: text("closed") } });
    expect(await t.call("GET", `${P}/packs/archive?name=holey`)).toMatchObject({ status: 403, body: { error: text("holey") } });
    expect(await t.call("GET", `${P}/packs/archive?name=nope`)).toMatchObject({ status: 404, body: { error: "Pack nope does not exist" } });
  });

  it("gives a unicode pack name a safe Content-Disposition", async () => {
    const t = packsKit();
    await seedPack(t.put, "ぶろぶ \"x", { a: "a.png" }, { "share-files": true });
    await seedPack(t.put, "ぶろぶ", { a: "a.png" }, { "share-files": true });
    const res = await t.call("GET", `${P}/packs/archive?name=${enc("ぶろぶ")}`);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="___.zip"; filename*=UTF-8''${enc("ぶろぶ")}.zip`);
  });
});

describe("metadata update (1.11)", () => {
  it("replaces the whole pack object and leaves files alone", async () => {
    const t = packsKit();
    await seedPack(t.put, "meta", { a: "a.png" }, { license: "old", "fallback-src-sha256": "X" });
    const metadata = { license: "Test license changed", homepage: "https://pleroma.social", description: "Test description", "share-files": false };
    expect(await t.call("PATCH", `${P}/pack?name=meta`, { body: { metadata } })).toMatchObject({ status: 200, body: metadata });
    const shown = await t.call("GET", `${P}/pack?name=meta`);
    expect(shown.body.pack).toEqual({ ...metadata, "can-download": false });
    expect(shown.body.files).toEqual({ a: "a.png" });
  });

  it("fetches a new fallback-src, requires every file in it, and computes its hash", async () => {
    const complete = zipSync({ "a.png": png("fa"), "sub/b.png": png("fb") });
    const partial = zipSync({ "a.png": png("fa") });
    const http = stubHttp({
      "https://cdn.example/full.zip": () => ({ body: complete, contentType: "application/zip" }),
      "https://cdn.example/partial.zip": () => ({ body: partial }),
    });
    const t = packsKit({ http: http.client });
    await seedPack(t.put, "fb", { a: "a.png", b: "sub/b.png" });
    const ok = await t.call("PATCH", `${P}/pack?name=fb`, {
      body: { metadata: { "fallback-src": "https://cdn.example/full.zip", "fallback-src-sha256": "client value ignored" } },
    });
    expect(ok).toMatchObject({ status: 200, body: { "fallback-src": "https://cdn.example/full.zip", "fallback-src-sha256": sha256(complete) } });
    const bad = await t.call("PATCH", `${P}/pack?name=fb`, { body: { metadata: { "fallback-src": "https://cdn.example/partial.zip" } } });
    expect(bad).toMatchObject({ status: 400, body: { error: "The fallback archive does not have all files specified in pack.json" } });
    // Unchanged fallback-src: not fetched again; a client hash is trusted as Akkoma does.
    const before = http.asked.length;
    await t.call("PATCH", `${P}/pack?name=fb`, { body: { metadata: { "fallback-src": "https://cdn.example/full.zip", "fallback-src-sha256": "AB" } } });
    expect(http.asked.length).toBe(before);
  });

  it("takes an empty fallback-src as none: nothing fetched, both fallback keys dropped", async () => {
    const http = stubHttp({});
    const t = packsKit({ http: http.client });
    await seedPack(t.put, "nofb", { a: "a.png" }, { "fallback-src": "https://cdn.example/old.zip", "fallback-src-sha256": "X" });
    const res = await t.call("PATCH", `${P}/pack?name=nofb`, { body: { metadata: { license: "CC0", "fallback-src": "", "fallback-src-sha256": "X" } } });
    expect(res).toMatchObject({ status: 200, body: { license: "CC0" } });
    expect(res.body).not.toHaveProperty("fallback-src");
    expect(res.body).not.toHaveProperty("fallback-src-sha256");
    expect(http.asked).toEqual([]);
    expect((await t.call("GET", `${P}/pack?name=nofb`)).body.pack).toEqual({ license: "CC0", "can-download": false });
  });

  it("answers 404 for a missing pack and 400 without metadata", async () => {
    const t = packsKit();
    expect(await t.call("PATCH", `${P}/pack?name=nope`, { body: { metadata: {} } })).toMatchObject({ status: 404, body: { error: "Pack nope does not exist" } });
    await seedPack(t.put, "m", {});
    expect(await t.call("PATCH", `${P}/pack?name=m`, { body: {} })).toMatchObject({ status: 400, body: { error: "Missing field: metadata." } });
  });
});

describe("import (1.13)", () => {
  it("writes pack.json from emoji.txt or from the folder's images, and leaves packs with pack.json alone", async () => {
    const t = packsKit();
    await t.put("emoji/test_pack_for_import/blank.png", png());
    await t.put(
      "emoji/test_pack_for_import/emoji.txt",
      "blank, blank.png, Fun\nblank2, blank.png\nfoo, /emoji/test_pack_for_import/blank.png\nbar\n",
    );
    await t.put("emoji/folder/one.png", png());
    await t.put("emoji/folder/deep/two.gif", gif());
    await t.put("emoji/folder/notes.txt", "x");
    await seedPack(t.put, "existing", { e: "e.png" }, { license: "keep" });
    await t.put("emoji/loose.png", png());
    const existing = (await t.snapshot())["emoji/existing/pack.json"];
    const res = await t.call("GET", `${P}/packs/import`);
    expect(res.status).toBe(200);
    expect(res.body.sort()).toEqual(["folder", "test_pack_for_import"]);
    expect((await t.call("GET", `${P}/pack?name=test_pack_for_import`)).body.files).toEqual({ blank: "blank.png", blank2: "blank.png", foo: "blank.png" });
    expect((await t.call("GET", `${P}/pack?name=folder`)).body.files).toEqual({ one: "one.png", two: "deep/two.gif" });
    expect((await t.snapshot())["emoji/existing/pack.json"]).toBe(existing);
    expect(await t.call("GET", `${P}/packs/import`)).toMatchObject({ status: 200, body: [] });
  });
});

describe("files (1.16-1.18)", () => {
  it("adds an upload under a subdirectory and derives shortcode and filename defaults", async () => {
    const t = packsKit();
    await seedPack(t.put, "p", { blank: "blank.png", blank2: "blank2.png" });
    const add = await t.call("POST", `${P}/packs/files?name=p`, {
      body: t.form({ shortcode: "blank3", filename: "dir/blank.png", file: [png(), "upload.png", "image/png"] }),
    });
    expect(add).toMatchObject({ status: 200, body: { blank: "blank.png", blank2: "blank2.png", blank3: "dir/blank.png" } });
    expect(await t.files.stat("emoji/p/dir/blank.png")).not.toBeNull();
    const dflt = await t.call("POST", `${P}/packs/files?name=p`, { body: t.form({ file: [png(), "shortcode.png", "image/png"] }) });
    expect(dflt.body.shortcode).toBe("shortcode.png");
  });

  it("adds a file by URL through the HTTP client", async () => {
    const http = stubHttp({ "https://test-blank/blank_url.png": () => ({ body: png("url"), contentType: "image/png" }) });
    const t = packsKit({ http: http.client });
    await seedPack(t.put, "p", {});
    const res = await t.call("POST", `${P}/packs/files?name=p`, { body: t.form({ shortcode: "blank_url", file: "https://test-blank/blank_url.png" }) });
    expect(res).toMatchObject({ status: 200, body: { blank_url: "blank_url.png" } });
    expect(http.asked).toEqual(["https://test-blank/blank_url.png"]);
    const failing = await t.call("POST", `${P}/packs/files?name=p`, { body: t.form({ file: "https://unreachable.example/x.png" }) });
    expect(failing.status).toBe(422);
  });

  it("adds every new image of a zip, skipping taken shortcodes and non-image names", async () => {
    const t = packsKit();
    await seedPack(t.put, "other", { bear: "bear.png" });
    await seedPack(t.put, "p", {});
    const zip = zipSync({
      "128px/a_trusted_friend-128.png": png("1"),
      "auroraborealis.png": png("2"),
      "1000px/baby_in_a_box.png": png("3"),
      "1000px/bear.png": png("4"),
      "LICENSE.txt": strToU8("cc0"),
    });
    const res = await t.call("POST", `${P}/packs/files?name=p`, { body: t.form({ file: [zip, "pack.zip", "application/zip"] }) });
    expect(res).toMatchObject({
      status: 200,
      body: { "a_trusted_friend-128": "128px/a_trusted_friend-128.png", auroraborealis: "auroraborealis.png", baby_in_a_box: "1000px/baby_in_a_box.png" },
    });
    expect(res.body).not.toHaveProperty("bear");
    expect(await t.files.stat("emoji/p/LICENSE.txt")).toBeNull();
    const empty = await t.call("POST", `${P}/packs/files?name=p`, { body: t.form({ file: [zipSync({}), "e.zip", "application/zip"] }) });
    expect(empty).toMatchObject({ status: 200, body: res.body });
    // Windows browsers label zips application/x-zip-compressed.
    const windows = await t.call("POST", `${P}/packs/files?name=p`, {
      body: t.form({ file: [zipSync({ "win.png": png("w") }), "w.zip", "application/x-zip-compressed"] }),
    });
    expect(windows.body).toMatchObject({ win: "win.png" });
  });

  it.each([
    ["no pack", "not_loaded", { file: "png" }, 404, 'pack "not_loaded" is not found'],
    ["empty filename", "p", { filename: "", file: "png" }, 422, "pack name, shortcode or filename cannot be empty"],
    ["empty shortcode", "p", { shortcode: "", file: "png" }, 422, "pack name, shortcode or filename cannot be empty"],
    ["taken in this pack", "p", { shortcode: "blank", file: "png" }, 409, 'An emoji with the "blank" shortcode already exists'],
    ["taken in another pack", "p", { shortcode: "elsewhere", file: "png" }, 409, 'An emoji with the "elsewhere" shortcode already exists'],
    ["not an image", "p", { shortcode: "txt", filename: "t.png", file: "text" }, 415, "The file is not a supported image (PNG, APNG, GIF, JPEG or WebP)"],
    ["an SVG", "p", { shortcode: "svg", filename: "s.png", file: "svg" }, 415, "The file is not a supported image (PNG, APNG, GIF, JPEG or WebP)"],
    ["too large", "p", { shortcode: "big", file: "big" }, 413, "The file is too large"],
    ["a corrupt zip", "p", { file: "badzip" }, 422, "Invalid archive: not a ZIP archive"],
  ])("refuses an add with %s and changes nothing", async (_, pack, fields, status, error) => {
    const t = packsKit({ overrides: { packs: { limits: { maxFileBytes: 1000 } } } });
    await seedPack(t.put, "p", { blank: "blank.png" });
    await seedPack(t.put, "q", { elsewhere: "e.png" });
    const before = await t.snapshot();
    const { file, ...rest } = fields as Record<string, string>;
    const upload: Record<string, [Uint8Array, string, string]> = {
      png: [png(), "x.png", "image/png"],
      text: [strToU8("hello"), "x.png", "image/png"],
      svg: [strToU8('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "x.svg", "image/svg+xml"],
      big: [new Uint8Array(Buffer.concat([Buffer.from(png()), Buffer.alloc(2000)])), "big.png", "image/png"],
      badzip: [strToU8("PK not really"), "x.zip", "application/zip"],
    };
    const res = await t.call("POST", `${P}/packs/files?name=${pack}`, { body: t.form({ ...rest, file: upload[file!]! }) });
    expect(res).toMatchObject({ status, body: { error } });
    expect(await t.snapshot()).toEqual(before);
  });

  it("renames and moves, removing an emptied directory; force takes a used shortcode", async () => {
    const t = packsKit();
    await seedPack(t.put, "p", { blank: "blank.png", blank2: "blank2.png", blank4: "dir/blank.png" });
    const moved = await t.call("PATCH", `${P}/packs/files?name=p`, {
      body: { shortcode: "blank4", new_shortcode: "blank3", new_filename: "dir_2/blank_3.png" },
    });
    expect(moved).toMatchObject({ status: 200, body: { blank: "blank.png", blank2: "blank2.png", blank3: "dir_2/blank_3.png" } });
    expect(await t.files.list("emoji/p/dir")).toEqual([]);
    expect(await t.files.stat("emoji/p/dir_2/blank_3.png")).not.toBeNull();
    expect(
      await t.call("PATCH", `${P}/packs/files?name=p`, { body: { shortcode: "blank", new_shortcode: "blank2", new_filename: "blank.png" } }),
    ).toMatchObject({ status: 409, body: { error: `New shortcode "blank2" is already used. If you want to override emoji use 'force' option` } });
    const forced = await t.call("PATCH", `${P}/packs/files?name=p`, {
      body: { shortcode: "blank3", new_shortcode: "blank4", new_filename: "dir_2/blank_3.png", force: true },
    });
    expect(forced).toMatchObject({ status: 200, body: { blank4: "dir_2/blank_3.png" } });
  });

  it.each([
    ["missing field", "p", { shortcode: "blank", new_filename: "x.png" }, 400, "Missing field: new_shortcode."],
    ["no pack", "nope", { shortcode: "blank", new_shortcode: "n", new_filename: "n.png" }, 404, 'pack "nope" is not found'],
    ["empty new shortcode", "p", { shortcode: "blank", new_shortcode: "", new_filename: "n.png" }, 422, "new_shortcode or new_filename cannot be empty"],
    ["unknown emoji", "p", { shortcode: "ghost", new_shortcode: "n", new_filename: "n.png" }, 400, 'Emoji "ghost" does not exist'],
    ["file missing on disk", "p", { shortcode: "lost", new_shortcode: "n", new_filename: "n.png" }, 404, 'pack "p" is not found'],
  ])("refuses an update with %s", async (_, pack, body, status, error) => {
    const t = packsKit();
    await seedPack(t.put, "p", { blank: "blank.png", lost: "lost.png" });
    await t.files.delete("emoji/p/lost.png");
    const before = await t.snapshot();
    expect(await t.call("PATCH", `${P}/packs/files?name=${pack}`, { body })).toMatchObject({ status, body: { error } });
    expect(await t.snapshot()).toEqual(before);
  });

  it("deletes an emoji and its emptied directory; checks the pack first", async () => {
    const t = packsKit();
    await seedPack(t.put, "p", { blank: "blank.png", deep: "dir/deep.png", lost: "lost.png" });
    await t.files.delete("emoji/p/lost.png");
    expect(await t.call("DELETE", `${P}/packs/files?name=p&shortcode=deep`)).toMatchObject({ status: 200, body: { blank: "blank.png", lost: "lost.png" } });
    expect(await t.files.list("emoji/p/dir")).toEqual([]);
    expect(await t.call("DELETE", `${P}/packs/files?name=nope&shortcode=`)).toMatchObject({ status: 404, body: { error: 'pack "nope" is not found' } });
    expect(await t.call("DELETE", `${P}/packs/files?name=p&shortcode=`)).toMatchObject({ status: 422, body: { error: "pack name or shortcode cannot be empty" } });
    expect(await t.call("DELETE", `${P}/packs/files?name=p&shortcode=ghost`)).toMatchObject({ status: 400, body: { error: 'Emoji "ghost" does not exist' } });
    expect(await t.call("DELETE", `${P}/packs/files?name=p&shortcode=lost`)).toMatchObject({ status: 404, body: { error: 'pack "p" is not found' } });
  });

  it("serialises edits of one pack: 20 parallel adds all survive", async () => {
    const t = packsKit();
    await seedPack(t.put, "busy", {});
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.call("POST", `${P}/packs/files?name=busy`, { body: t.form({ shortcode: `e${i}`, file: [png(`${i}`), `e${i}.png`, "image/png"] }) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(new Array(20).fill(200));
    const shown = await t.call("GET", `${P}/pack?name=busy&page_size=100`);
    expect(shown.body.files_count).toBe(20);
    expect(Object.keys(shown.body.files).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`).sort());
  });
});

describe("the live emoji catalog and images (accounts.md 3)", () => {
  it("shows pack emoji in both emoji lists at once, and reactions accept them", async () => {
    const t = packsKit();
    expect(await t.call("GET", "/api/v1/pleroma/emoji", { token: null })).toMatchObject({ status: 200, body: {} });
    await seedPack(t.put, "blobs", {});
    await t.call("POST", `${P}/packs/files?name=blobs`, { body: t.form({ shortcode: "blobcat", file: [png(), "blobcat.png", "image/png"] }) });
    expect((await t.call("GET", "/api/pleroma/emoji.json", { token: null })).body).toEqual({
      blobcat: { image_url: "/emoji/blobs/blobcat.png", tags: ["pack:blobs"] },
    });
    t.host.addStatus({ id: "s1", authorId: "u2" });
    const react = await t.call("PUT", "/api/v1/pleroma/statuses/s1/reactions/blobcat", { token: "u1-token" });
    expect(react.body.pleroma.emoji_reactions[0]).toMatchObject({ name: "blobcat", url: "https://local.example/emoji/blobs/blobcat.png" });
    await t.call("DELETE", `${P}/packs/files?name=blobs&shortcode=blobcat`);
    expect((await t.call("GET", "/api/v1/pleroma/emoji", { token: null })).body).toEqual({});
    expect((await t.call("PUT", "/api/v1/pleroma/statuses/s1/reactions/blobcat", { token: "u2-token" })).status).toBe(400);
  });

  it("serves pack images with their sniffed type and nothing else", async () => {
    const t = packsKit();
    await seedPack(t.put, "blobs", { a: "a.png", w: "dino walking.png" });
    await t.put("emoji/blobs/page.html.png", "<script>alert(1)</script>");
    const img = await t.call("GET", "/emoji/blobs/a.png", { token: null });
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(img.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await t.call("GET", `/emoji/blobs/${enc("dino walking.png")}`)).status).toBe(200);
    for (const path of ["/emoji/blobs/pack.json", "/emoji/blobs/page.html.png", "/emoji/blobs/nope.png", "/emoji/blobs/..%2F..%2Fetc%2Fpasswd", "/emoji/..%2Femoji/blobs"]) {
      expect((await t.call("GET", path)).status, path).toBe(404);
    }
  });
});
