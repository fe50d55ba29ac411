/**
 * The binding suite's repeated-slash group: `//api/...` (how admin-fe links pack archives) reaches
 * the same route as `/api/...` on every framework, as behind nginx's default `merge_slashes`; an
 * encoded slash stays data and dot segments cannot reach another route. Requests are sent with
 * Node's client and the path exactly as written (fetch would resolve the dots itself).
 */
import { request as httpRequest } from "node:http";
import type { PleromaKit } from "@pleroma-kit/core";
import { beforeAll, expect, it } from "vitest";

/** The bytes of a tiny PNG (signature and an IHDR chunk), enough for the pack service's type check. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

interface RawAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** One request with the path sent byte for byte as given. */
function raw(baseUrl: string, method: string, path: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"], body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.end();
  });
}

/** The group's tests, for a server the suite mounted (`server.kit` is the kit behind it). */
export function slashPathTests(server: { readonly baseUrl: string; readonly kit: PleromaKit }): void {
  beforeAll(async () => {
    const packs = server.kit.services.emojiPacks;
    (await packs.create("x"))._unsafeUnwrap();
    (await packs.updateMetadata("x", { "share-files": true }))._unsafeUnwrap();
    (await packs.addFile("x", { file: { kind: "upload", bytes: PNG, contentType: "image/png", filename: "a.png" }, shortcode: "a" }))._unsafeUnwrap();
  });

  it("serves //api/v1/pleroma/emoji/packs/archive?name=x as with one slash", async () => {
    const one = await raw(server.baseUrl, "GET", "/api/v1/pleroma/emoji/packs/archive?name=x");
    expect(one.status).toBe(200);
    for (const path of ["//api/v1/pleroma/emoji/packs/archive?name=x", "/api//v1///pleroma/emoji/packs//archive?name=x"]) {
      const two = await raw(server.baseUrl, "GET", path);
      expect(two.status, path).toBe(200);
      expect(two.contentType, path).toBe("application/zip");
      expect(two.body.equals(one.body), path).toBe(true);
    }
  });

  it("keeps an encoded slash inside its segment", async () => {
    const res = await raw(server.baseUrl, "GET", "/api/v1/pleroma/test/segment/..%2F%2Fme");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ value: "..//me" });
    // `%2F%2F` between static segments is no separator: the archive route is not reached.
    expect((await raw(server.baseUrl, "GET", "/api/v1/pleroma/emoji%2F%2Fpacks/archive?name=x")).status).toBe(404);
  });

  it("does not let /..// tricks reach other routes", async () => {
    for (const path of [
      "/api/v1/pleroma/emoji/packs/..//..//test/me",
      "/api/v1/pleroma/test/segment/..//..//..//..//..//etc/passwd",
      "//..//..//api/v1/pleroma/test/me/..//..//..//host/ping",
    ]) {
      const res = await raw(server.baseUrl, "GET", path);
      // The framework's 404 (or its refusal of the path), never a route of ours or the host's.
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body.toString(), path).not.toContain("pong");
      expect(res.body.toString(), path).not.toContain("Invalid credentials");
    }
    // Dots never climb above `/emoji`: `/emoji/x/..//..//..//etc/passwd` is the file `passwd`
    // of a pack named `etc` (none here), answered by the image route.
    const image = await raw(server.baseUrl, "GET", "/emoji/x/..//..//..//etc/passwd");
    expect(image.status).toBe(404);
    expect(JSON.parse(image.body.toString())).toEqual({ error: "Not Found" });
  });
}
