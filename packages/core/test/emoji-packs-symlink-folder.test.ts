/**
 * Issue 15 item 8: a pack folder that is a symlink is skipped (logged) rather than answering 500,
 * and pack.json entries that climb out or are absolute are dropped on load (logged).
 */
import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localFileStore, silentLogger } from "../src/index.js";
import { packsKit, png, seedPack } from "./support/packs.js";

const P = "/api/v1/pleroma/emoji";
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function fsKit() {
  const base = await mkdtemp(join(tmpdir(), "pk-symfolder-"));
  dirs.push(base);
  const warned: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const logger = { ...silentLogger, warn: (message: string, fields?: Record<string, unknown>) => void warned.push({ message, fields }) };
  const t = packsKit({ files: localFileStore(join(base, "store")), overrides: { logger } });
  return { ...t, base, warned };
}

describe("pack folders and pack.json entries on disk", () => {
  it("skips a pack folder that is a symlink: no 500 anywhere, logged, and nothing created over it", async () => {
    const t = await fsKit();
    await seedPack(t.put, "ok", { blank: "blank.png" }, { "share-files": true });
    await mkdir(join(t.base, "outside"));
    await writeFile(join(t.base, "outside", "pack.json"), JSON.stringify({ files: { s: "secret.png" }, pack: { "share-files": true } }));
    await writeFile(join(t.base, "outside", "secret.png"), png());
    await symlink(join(t.base, "outside"), join(t.base, "store", "emoji", "evil"));
    const calls: Array<[string, string]> = [
      ["GET", `${P}/packs`],
      ["GET", `${P}/pack?name=evil`],
      ["GET", `${P}/packs/archive?name=evil`],
      ["POST", `${P}/pack?name=evil`],
      ["GET", "/emoji/evil/secret.png"],
      ["GET", `${P}/packs/import`],
    ];
    for (const [method, path] of calls) {
      const res = await t.call(method, path);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      if (path !== `${P}/packs` && path !== `${P}/packs/import`) expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
    }
    const list = await t.call("GET", `${P}/packs`);
    expect(Object.keys(list.body.packs)).toEqual(["ok"]);
    expect(t.warned.some((w) => w.fields?.pack === "evil")).toBe(true);
  });

  it("drops pack.json entries with `..` or absolute paths on load, logged", async () => {
    const t = await fsKit();
    await t.put("emoji/p/blank.png", png());
    await t.put("emoji/p/pack.json", JSON.stringify({ files: { blank: "blank.png", up: "../../victim.png", abs: "/etc/hostname", dot: "a/./b.png" }, pack: {} }));
    const shown = await t.call("GET", `${P}/pack?name=p`);
    expect(shown.status).toBe(200);
    expect(shown.body.files).toEqual({ blank: "blank.png" });
    expect(Object.keys((await t.call("GET", "/api/v1/pleroma/emoji")).body)).toEqual(["blank"]);
    expect(t.warned.find((w) => w.message.includes("unsafe paths"))?.fields).toMatchObject({ pack: "p", shortcodes: ["up", "abs", "dot"] });
  });
});
