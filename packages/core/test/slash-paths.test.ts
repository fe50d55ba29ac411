/**
 * Repeated slashes in a request path match as one (nginx's `merge_slashes`, which Akkoma sits
 * behind): admin-fe links pack archives as `//api/v1/pleroma/emoji/packs/archive`. Merging must
 * not turn an encoded slash into a separator, nor let dot segments reach another route.
 */
import { describe, expect, it } from "vitest";
import { packsKit, seedPack } from "./support/packs.js";

async function kitWithPack() {
  const t = packsKit();
  await seedPack(t.put, "x", { a: "a.png" }, { "share-files": true });
  return t;
}

describe("repeated slashes in kit.fetch", () => {
  it("serve the pack archive at //api/v1/pleroma/emoji/packs/archive as with one slash", async () => {
    const t = await kitWithPack();
    const one = await t.call("GET", "/api/v1/pleroma/emoji/packs/archive?name=x", { token: null });
    expect(one.status).toBe(200);
    for (const path of ["//api/v1/pleroma/emoji/packs/archive?name=x", "/api//v1///pleroma/emoji/packs//archive/?name=x"]) {
      const two = await t.call("GET", path, { token: null });
      expect(two.status, path).toBe(200);
      expect(two.headers.get("content-type"), path).toBe("application/zip");
      expect(Buffer.from(two.bytes).equals(Buffer.from(one.bytes)), path).toBe(true);
    }
  });

  it("merge in path parameters' routes too, and never make an empty parameter", async () => {
    const t = await kitWithPack();
    expect((await t.call("GET", "/emoji//x//a.png", { token: null })).status).toBe(200);
    // `/emoji//a.png` is `/emoji/a.png`: one segment short of an image route, not pack "" file a.png.
    expect(await t.call("GET", "/emoji//a.png", { token: null })).toMatchObject({ status: 0 });
  });

  it("keep an encoded slash inside its segment", async () => {
    const t = await kitWithPack();
    // `x%2Fa.png` is one segment: the pack would be "x/a.png"-less, so no image route matches...
    expect(await t.call("GET", "/emoji/x%2Fa.png", { token: null })).toMatchObject({ status: 0 });
    // ...and `%2F%2F` is not merged into a separator: the static route does not match.
    expect(await t.call("GET", "/api/v1/pleroma/emoji%2F%2Fpacks/archive?name=x", { token: null })).toMatchObject({ status: 0 });
  });

  it("do not let dot segments reach other routes", async () => {
    const t = await kitWithPack();
    // The URL parser resolves dots before matching; what is left is matched like any path.
    const tricks = [
      "/api/v1/pleroma/emoji/packs/..//..//admin/reload_emoji",
      "/api/v1/pleroma/emoji/packs/archive/..//..//..//..//..//..//admin/reload_emoji",
    ];
    for (const path of tricks) {
      const res = await t.call("POST", path, { token: "admin-token" });
      expect(res.status, path).toBe(0);
      expect((await t.call("GET", path, { token: null })).status, path).toBe(0);
    }
    // Dots never climb above `/emoji`: these resolve to `/emoji//etc/passwd`, i.e. the file
    // `passwd` of a pack named `etc`, which does not exist.
    for (const path of ["/emoji/x/..//..//..//etc/passwd", "/emoji/x/%2e%2e//%2e%2e//%2e%2e//etc/passwd"]) {
      expect(await t.call("GET", path, { token: null }), path).toMatchObject({ status: 404, body: { error: "Not Found" } });
    }
    // `/emoji/x/..//x/a.png` resolves to `/emoji//x/a.png`: the image of pack x, nothing else.
    expect((await t.call("GET", "/emoji/x/..//x/a.png", { token: null })).status).toBe(200);
  });
});
