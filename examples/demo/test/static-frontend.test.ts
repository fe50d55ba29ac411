/**
 * PLEROMA_KIT_FRONTEND_DIR / PLEROMA_KIT_ADMIN_FRONTEND_DIR over real HTTP on the three
 * frameworks: types and cache headers, client-side routes, traversal refused, API paths win.
 */
import { request } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoConfigSchema } from "../src/config.js";
import { startDemoServer } from "../src/server.js";
import { frameworks, startServer, stores } from "./support.js";

const memory = stores.find((s) => s.name === "memory")!;
const root = mkdtempSync(join(tmpdir(), "pk-fe-"));
const fe = join(root, "fe");
const admin = join(root, "admin");
afterAll(() => rmSync(root, { recursive: true, force: true }));

mkdirSync(join(fe, "static", "js"), { recursive: true });
mkdirSync(join(fe, "static", "img"), { recursive: true });
mkdirSync(join(admin, "static", "js"), { recursive: true });
writeFileSync(join(fe, "index.html"), "<!doctype html><title>FE</title>");
writeFileSync(join(fe, "static", "js", "app.DHzsn1SN.js"), "console.log('app')");
writeFileSync(join(fe, "static", "config.json"), '{"theme":null}');
writeFileSync(join(fe, "static", "img", "nsfw.DepQPhG0.png"), Buffer.from("89504e47", "hex"));
writeFileSync(join(fe, "static", "style.css"), "body{}");
writeFileSync(join(root, "secret.txt"), "SECRET");
symlinkSync(join(root, "secret.txt"), join(fe, "leak.txt"));
symlinkSync(root, join(fe, "static", "outside"));
writeFileSync(join(admin, "index.html"), "<!doctype html><title>Admin FE</title>");
writeFileSync(join(admin, "static", "js", "app.31aedec2.js"), "console.log('admin')");

/** A request with the path sent byte for byte (fetch would normalise `..` away). */
function raw(url: string, method: string, path: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end();
  });
}

for (const framework of frameworks) {
  describe(`frontends served by the demo on ${framework}`, () => {
    let url: string;
    let stop: () => Promise<void>;
    const get = (path: string, headers?: Record<string, string>) => raw(url, "GET", path, headers);

    beforeAll(async () => {
      const started = await startServer(framework, memory, { frontendDir: fe, adminFrontendDir: admin });
      url = started.server.url;
      stop = started.stop;
    });
    afterAll(() => stop());

    it("serves index.html at / and for client-side routes, revalidated on every use", async () => {
      for (const path of ["/", "/main/public", "/users/alice", "/notice/9?x=1", "/@alice@remote.example"]) {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expect(res.headers["content-type"], path).toBe("text/html; charset=utf-8");
        expect(res.headers["cache-control"], path).toBe("no-cache");
        expect(res.body, path).toContain("<title>FE</title>");
      }
    });

    it("serves files with their type; hashed assets are cached for a year", async () => {
      const js = await get("/static/js/app.DHzsn1SN.js");
      expect(js.status).toBe(200);
      expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
      expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(js.body).toBe("console.log('app')");
      const png = await get("/static/img/nsfw.DepQPhG0.png");
      expect(png.headers["content-type"]).toBe("image/png");
      const config = await get("/static/config.json");
      expect(config.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(config.headers["cache-control"]).toBe("no-cache");
      expect(JSON.parse(config.body)).toEqual({ theme: null });
      expect((await get("/static/style.css")).headers["content-type"]).toBe("text/css; charset=utf-8");
    });

    it("answers HEAD without a body, and 304 to a matching If-None-Match", async () => {
      const head = await raw(url, "HEAD", "/main/friends");
      expect(head.status).toBe(200);
      expect(head.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(head.body).toBe("");
      const first = await get("/static/config.json");
      const again = await get("/static/config.json", { "if-none-match": String(first.headers.etag) });
      expect(again.status).toBe(304);
      expect(again.body).toBe("");
    });

    it("answers 404 for a missing asset and for methods other than GET and HEAD", async () => {
      const missing = await get("/static/js/app.gone1234.js");
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body)).toEqual({ error: "Not implemented" });
      const post = await raw(url, "POST", "/main/public");
      expect(post.status).toBe(404);
      expect(post.body).not.toContain("<title>");
    });

    it("refuses to leave the folder: dot segments, backslashes, NUL, encoded slashes, symlinks out", async () => {
      for (const path of [
        "/../secret.txt",
        "/static/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/static/%2E%2E/%2e%2e/secret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/static\\..\\..\\secret.txt",
        "/index.html%00.js",
        "/%00",
        "/%zz",
        "/leak.txt",
        "/static/outside/secret.txt",
        "/pleroma/admin/%2e%2e/%2e%2e/secret.txt",
      ]) {
        const res = await get(path);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
        expect(res.body, path).not.toContain("SECRET");
        expect(res.body, path).not.toContain("<title>");
      }
    });

    it("leaves API paths to the API: answers from the kit, JSON 404s where it has nothing", async () => {
      const instance = await get("/api/v1/instance");
      expect(instance.status).toBe(200);
      expect(instance.headers["content-type"]).toMatch(/^application\/json/);
      for (const path of ["/api/v1/no-such-thing", "/oauth/nothing", "/.well-known/nothing", "/nodeinfo/9.9.json", "/emoji/x/y.png", "/media/x", "/proxy/x", "//api/v1/no-such-thing"]) {
        const res = await get(path);
        expect(res.status, path).toBe(404);
        expect(res.body, path).not.toContain("<title>");
      }
    });

    it("serves the admin frontend under /pleroma/admin/", async () => {
      const redirect = await get("/pleroma/admin?x=1");
      expect(redirect.status).toBe(301);
      expect(redirect.headers.location).toBe("/pleroma/admin/?x=1");
      for (const path of ["/pleroma/admin/", "/pleroma/admin/users"]) {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expect(res.body, path).toContain("<title>Admin FE</title>");
      }
      const js = await get("/pleroma/admin/static/js/app.31aedec2.js");
      expect(js.body).toBe("console.log('admin')");
      expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect((await get("/pleroma/admin/static/js/missing.js")).status).toBe(404);
    });
  });
}

describe("frontend configuration", () => {
  it("serves nothing at / without PLEROMA_KIT_FRONTEND_DIR", async () => {
    const { server, stop } = await startServer("express", memory);
    try {
      const res = await fetch(`${server.url}/main/public`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "Not implemented" });
    } finally {
      await stop();
    }
  });

  it("refuses to start with a folder that has no index.html", async () => {
    const config = demoConfigSchema.parse({ port: 0, databaseUrl: "memory:", filesDir: "memory:", frontendDir: join(fe, "static") });
    await expect(startDemoServer(config)).rejects.toThrow(/no index.html/);
  });
});
