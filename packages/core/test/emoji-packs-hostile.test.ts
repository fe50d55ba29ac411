/**
 * security.md "Files, packs and archives": every hostile pack name, file name, shortcode and
 * archive answers 4xx and leaves the whole directory tree (pack root and its neighbours) unchanged.
 * Runs on the local filesystem store, where a traversal would really escape.
 */
import { createHash } from "node:crypto";
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { localFileStore } from "../src/index.js";
import { packsKit, png, seedPack } from "./support/packs.js";

const P = "/api/v1/pleroma/emoji";
const enc = encodeURIComponent;
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** A kit over `<tmp>/store`, with `<tmp>/outside/secret.png` as the neighbour a traversal would hit. */
async function fsKit() {
  const base = await mkdtemp(join(tmpdir(), "pk-hostile-"));
  dirs.push(base);
  await mkdir(join(base, "outside"));
  await writeFile(join(base, "outside", "secret.png"), "secret");
  const t = packsKit({ files: localFileStore(join(base, "store")) });
  await seedPack(t.put, "p", { blank: "blank.png", deep: "dir/deep.png" }, { "share-files": true });
  // A symlink planted inside a pack (by someone with shell access) must not be followed either.
  await symlink(join(base, "outside"), join(base, "store", "emoji", "p", "link"));
  const tree = async () => {
    const out: Record<string, string> = {};
    for (const rel of (await readdir(base, { recursive: true })).map(String).sort()) {
      const data = await readFile(join(base, rel)).catch(() => null);
      out[rel] = data ? createHash("sha256").update(data).digest("hex") : "dir";
    }
    return out;
  };
  return { ...t, base, tree };
}

const HOSTILE_PACK_NAMES = ["..", "../outside", "../../etc", "a/b", "/abs", ".hidden", "x\u0000y", "a\\b", "C:\\x", "%2e%2e", "p/../outside", "p/link"];
const HOSTILE_FILENAMES = [
  "../x.png", "../../outside/x.png", "/etc/x.png", "a/../../x.png", "a/../b.png", "a\\..\\x.png", "C:/x.png", "x\u0000.png",
  "x.svg", "x.html", ".hidden.png", "a/./b.png", "%2e%2e/x.png", "link/x.png", "a//b.png", "pack.json",
];
const HOSTILE_SHORTCODES = ["<script>", "a b", "a/b", ":x:", "../x", "x\u0000"];

describe("hostile pack names", () => {
  it.each(HOSTILE_PACK_NAMES)("%j is refused with 4xx by every endpoint, touching nothing", async (name) => {
    const t = await fsKit();
    const before = await t.tree();
    const q = `name=${enc(name)}`;
    const calls: Array<[string, string, unknown?]> = [
      ["GET", `${P}/pack?${q}`],
      ["POST", `${P}/pack?${q}`],
      ["PATCH", `${P}/pack?${q}`, { metadata: { license: "x" } }],
      ["DELETE", `${P}/pack?${q}`],
      ["GET", `${P}/packs/archive?${q}`],
      ["POST", `${P}/packs/files?${q}`, t.form({ shortcode: "ok", file: [png(), "ok.png", "image/png"] })],
      ["PATCH", `${P}/packs/files?${q}`, { shortcode: "blank", new_shortcode: "b2", new_filename: "b2.png" }],
      ["DELETE", `${P}/packs/files?${q}&shortcode=blank`],
      ["POST", `${P}/packs/download`, { url: "https://remote.example", name: "p", as: name }],
    ];
    for (const [method, path, body] of calls) {
      const res = await t.call(method, path, { body });
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(res.body, `${method} ${path}`).toHaveProperty("error");
    }
    expect(await t.tree()).toEqual(before);
  });
});

describe("hostile file names", () => {
  it.each(HOSTILE_FILENAMES)("%j is refused for an add and a rename, touching nothing", async (filename) => {
    const t = await fsKit();
    const before = await t.tree();
    const add = await t.call("POST", `${P}/packs/files?name=p`, { body: t.form({ shortcode: "fresh", filename, file: [png(), "x.png", "image/png"] }) });
    const rename = await t.call("PATCH", `${P}/packs/files?name=p`, { body: { shortcode: "blank", new_shortcode: "blank", new_filename: filename, force: true } });
    if (filename.includes("\u0000")) {
      // A NUL is refused at the edge for every route, before any name check (issue 15).
      expect([add.status, rename.status]).toEqual([400, 400]);
    } else {
      expect(add.status).toBe(422);
      expect(add.body).toEqual({ error: "Invalid file name" });
      expect(rename).toMatchObject({ status: 422, body: { error: "Invalid file name" } });
    }
    expect(await t.tree()).toEqual(before);
  });

  it("an upload's own file name cannot traverse either", async () => {
    const t = await fsKit();
    const before = await t.tree();
    const res = await t.call("POST", `${P}/packs/files?name=p`, { body: t.form({ file: [png(), "../../outside/evil.png", "image/png"] }) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await t.tree()).toEqual(before);
  });
});

describe("a symlink planted in a pack", () => {
  it("is neither served, archived nor listed as present, and never answers 500", async () => {
    const t = await fsKit();
    await t.put("emoji/p/pack.json", JSON.stringify({ files: { blank: "blank.png", leak: "link/secret.png" }, pack: { "share-files": true } }));
    const before = await t.tree();
    expect((await t.call("GET", "/emoji/p/link/secret.png", { token: null })).status).toBe(404);
    const shown = await t.call("GET", `${P}/pack?name=p`);
    expect(shown.status).toBe(200);
    expect(shown.body.pack["can-download"]).toBe(false);
    expect((await t.call("GET", `${P}/packs/archive?name=p`)).status).toBe(403);
    expect((await t.call("GET", `${P}/packs`)).status).toBe(200);
    expect((await t.call("DELETE", `${P}/packs/files?name=p&shortcode=leak`)).status).toBeLessThan(500);
    expect(await t.tree()).toEqual(before);
  });
});

describe("hostile shortcodes", () => {
  it.each(HOSTILE_SHORTCODES)("%j is refused for an add and a rename", async (shortcode) => {
    const t = await fsKit();
    const before = await t.tree();
    const add = await t.call("POST", `${P}/packs/files?name=p`, { body: t.form({ shortcode, filename: "ok.png", file: [png(), "ok.png", "image/png"] }) });
    const rename = await t.call("PATCH", `${P}/packs/files?name=p`, { body: { shortcode: "blank", new_shortcode: shortcode, new_filename: "blank.png", force: true } });
    const status = shortcode.includes("\u0000") ? 400 : 422; // NUL: refused at the edge (issue 15)
    expect(add.status).toBe(status);
    expect(rename.status).toBe(status);
    if (status === 422) {
      expect(add.body).toEqual({ error: "Invalid shortcode" });
      expect(rename.body).toEqual({ error: "Invalid shortcode" });
    }
    expect(await t.tree()).toEqual(before);
  });
});

describe("hostile archives uploaded to a pack", () => {
  /** Writes an archive with a name fflate would refuse to write, by renaming a placeholder in place. */
  const forged = (name: string, data = png()) => {
    const placeholder = "q".repeat(Buffer.byteLength(name));
    const zip = Buffer.from(zipSync({ [placeholder]: data }));
    let i = zip.indexOf(placeholder);
    while (i >= 0) {
      Buffer.from(name).copy(zip, i);
      i = zip.indexOf(placeholder, i + 1);
    }
    return new Uint8Array(zip);
  };
  const cases: Array<[string, Uint8Array]> = [
    ["traversal", forged("../../outside/x.png")],
    ["absolute path", forged("/tmp/pk-evil.png")],
    ["backslashes", forged("..\\..\\x.png")],
    ["symlink", zipSync({ "link.png": [strToU8("../../outside/secret.png"), { os: 3, attrs: (0o120777 << 16) >>> 0 }] })],
    ["too many entries", zipSync(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`e${i}.png`, png(`${i}`)])))],
    ["a non-image among images", zipSync({ "good.png": png(), "bad.png": strToU8("<html>") })],
  ];
  it.each(cases)("refuses an archive with %s, touching nothing", async (_, zip) => {
    const t = await fsKit();
    const kit = packsKit({ files: localFileStore(join(t.base, "store")), overrides: { packs: { limits: { maxArchiveEntries: 20 } } } });
    const before = await t.tree();
    const res = await kit.call("POST", `${P}/packs/files?name=p`, { body: kit.form({ file: [zip, "x.zip", "application/zip"] }) });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/^Invalid archive: /);
    expect(await t.tree()).toEqual(before);
  });
});
