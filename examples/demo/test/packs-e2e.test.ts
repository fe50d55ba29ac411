/**
 * The emoji-pack admin API against the demo server over real HTTP on every framework: create,
 * upload, list, show, metadata, archive (sha256 equals the bytes served), rename, delete, and
 * hostile names refused with 4xx.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { client, describeStore, frameworks, quickUser, startServer, stores, TINY_PNG, unique } from "./support.js";

for (const framework of frameworks) {
  describeStore(stores[0]!, `emoji packs over HTTP: ${framework}`, () => {
    let ctx: Awaited<ReturnType<typeof startServer>>;
    let call: ReturnType<typeof client>;
    beforeAll(async () => {
      ctx = await startServer(framework, stores[0]!);
      call = client(ctx.server);
    });
    afterAll(async () => ctx?.stop());

    it("runs the admin lifecycle of a pack", async () => {
      const admin = await quickUser(ctx.server, unique("admin"), { isAdmin: true });
      const user = await quickUser(ctx.server, unique("user"));
      const pack = unique("pack");
      const token = admin.token;
      expect(await call("POST", `/api/v1/pleroma/emoji/pack?name=${pack}`, { token: user.token, json: {} })).toMatchObject({ status: 403 });
      expect((await call("POST", `/api/v1/pleroma/emoji/pack?name=${pack}`, { token, json: {} })).body).toBe("ok");
      expect((await call("POST", `/api/v1/pleroma/emoji/pack?name=${pack}`, { token, json: {} })).status).toBe(409);

      const upload = (shortcode: string) => {
        const f = new FormData();
        f.append("shortcode", shortcode);
        f.append("file", new Blob([TINY_PNG], { type: "image/png" }), `${shortcode}.png`);
        return call("POST", `/api/v1/pleroma/emoji/packs/files?name=${pack}`, { token, form: f });
      };
      expect((await upload("one")).body).toEqual({ one: "one.png" });
      expect((await upload("two")).body).toEqual({ one: "one.png", two: "two.png" });
      const notImage = new FormData();
      notImage.append("shortcode", "bad");
      notImage.append("file", new Blob(["<svg onload=alert(1)>"], { type: "image/png" }), "bad.png");
      expect((await call("POST", `/api/v1/pleroma/emoji/packs/files?name=${pack}`, { token, form: notImage })).status).toBe(415);

      const meta = { "share-files": true, description: "d", license: "CC0", homepage: "https://example.org" };
      expect((await call("PATCH", `/api/v1/pleroma/emoji/pack?name=${pack}`, { token, json: { metadata: meta } })).body).toEqual(meta);
      const shown = await call("GET", `/api/v1/pleroma/emoji/pack?name=${pack}&page_size=1`);
      expect(shown.body).toMatchObject({ files_count: 2, pack: { "can-download": true, "download-sha256": expect.any(String) } });
      expect(Object.keys(shown.body.files)).toHaveLength(1);
      const listed = await call("GET", "/api/v1/pleroma/emoji/packs?page=0&page_size=0");
      expect(listed.status).toBe(200);
      expect(listed.body.count).toBeGreaterThan(0);

      const archive = await fetch(`${ctx.server.url}/api/v1/pleroma/emoji/packs/archive?name=${pack}`);
      expect(archive.status).toBe(200);
      const bytes = Buffer.from(await archive.arrayBuffer());
      expect(createHash("sha256").update(bytes).digest("hex").toUpperCase()).toBe(shown.body.pack["download-sha256"].toUpperCase());

      const renamed = await call("PATCH", `/api/v1/pleroma/emoji/packs/files?name=${pack}`, { token, json: { shortcode: "one", new_shortcode: "uno", new_filename: "uno.png" } });
      expect(renamed.body).toEqual({ uno: "uno.png", two: "two.png" });
      expect((await call("DELETE", `/api/v1/pleroma/emoji/packs/files?name=${pack}&shortcode=two`, { token })).body).toEqual({ uno: "uno.png" });

      for (const hostile of ["..", "../etc", "a%2F..%2Fb", "%00x", "a\\b"]) {
        const res = await call("POST", `/api/v1/pleroma/emoji/pack?name=${hostile}`, { token, json: {} });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
      expect((await call("DELETE", `/api/v1/pleroma/emoji/pack?name=${pack}`, { token })).body).toBe("ok");
      expect((await call("GET", `/api/v1/pleroma/emoji/pack?name=${pack}`)).status).toBe(404);
    });
  });
}
