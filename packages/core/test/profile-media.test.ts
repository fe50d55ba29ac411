import { describe, expect, it } from "vitest";
import { sniffImage } from "../src/internal.js";
import { createFakeWorld } from "./support/fake-world.js";

/** A 3x2 PNG header (enough for sniffing and dimensions). */
const png = () => {
  const bytes = new Uint8Array(64);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  bytes.set([0, 0, 0, 3, 0, 0, 0, 2], 16);
  return bytes;
};
const jpeg = () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const mp3 = () => new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]);
const upload = (field: string, bytes: Uint8Array, name: string, type: string) => {
  const form = new FormData();
  form.set(field, new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return form;
};

describe("sniffImage", () => {
  it("recognises images by magic bytes and refuses SVG and audio whatever they claim", () => {
    expect(sniffImage(png())?.mime).toBe("image/png");
    expect(sniffImage(jpeg())?.mime).toBe("image/jpeg");
    expect(sniffImage(new TextEncoder().encode("GIF89a......"))?.mime).toBe("image/gif");
    expect(sniffImage(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))?.mime).toBe("image/webp");
    expect(sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))).toBeNull();
    expect(sniffImage(mp3())).toBeNull();
  });
});

describe("GET|PUT /api/v1/pleroma/mascot", () => {
  it("answers the default mascot, then stores an uploaded image and serves it back", async () => {
    const w = createFakeWorld();
    const me = w.user();
    const initial = await w.call("GET", "/api/v1/pleroma/mascot", { token: me.token });
    expect(initial.json).toEqual({
      id: "default-mascot",
      url: "/images/pleroma-fox-tan-smol.png",
      preview_url: "/images/pleroma-fox-tan-smol.png",
      pleroma: { mime_type: "image/png" },
    });
    // The client says audio; the content is a PNG: content wins.
    const put = await w.call("PUT", "/api/v1/pleroma/mascot", { token: me.token, form: upload("file", png(), "fox.mp3", "audio/mpeg") });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ type: "image", description: "", pleroma: { mime_type: "image/png" }, meta: { original: { width: 3, height: 2 } } });
    expect(put.json.url).toBe(put.json.remote_url);
    expect(put.json.url).toBe(put.json.text_url);
    expect(put.json.url).toMatch(/^https:\/\/social\.example\/api\/v1\/pleroma\/media\/[A-Za-z0-9_-]+\.png$/);
    const got = await w.call("GET", "/api/v1/pleroma/mascot", { token: me.token });
    expect(got.json.url).toBe(put.json.url);
    const served = await w.kit.fetch(new Request(`http://x${new URL(put.json.url).pathname}`));
    expect(served!.status).toBe(200);
    expect(served!.headers.get("content-type")).toBe("image/png");
    expect(served!.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served!.arrayBuffer())).toEqual(png());
  });

  it("refuses a non-image with 415 mascots can only be images, whatever its declared type, and stores nothing", async () => {
    const w = createFakeWorld();
    const me = w.user();
    for (const [bytes, type] of [
      [mp3(), "audio/mpeg"],
      [mp3(), "image/png"],
      [new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"), "image/svg+xml"],
    ] as const) {
      const res = await w.call("PUT", "/api/v1/pleroma/mascot", { token: me.token, form: upload("file", bytes, "x", type) });
      expect(res.status).toBe(415);
      expect(res.json).toEqual({ error: "mascots can only be images" });
    }
    expect(await w.files.list("media")).toEqual([]);
    expect((await w.call("GET", "/api/v1/pleroma/mascot", { token: me.token })).json.id).toBe("default-mascot");
  });

  it("needs a file and the right scopes", async () => {
    const w = createFakeWorld();
    const me = w.user();
    expect((await w.call("PUT", "/api/v1/pleroma/mascot", { token: me.token, json: {} })).status).toBe(400);
    expect((await w.call("PUT", "/api/v1/pleroma/mascot", { token: w.token(me.id, ["read"]), form: upload("file", png(), "a.png", "image/png") })).status).toBe(403);
    expect((await w.call("GET", "/api/v1/pleroma/mascot", { token: w.token(me.id, ["write"]) })).status).toBe(403);
    expect((await w.call("GET", "/api/v1/pleroma/mascot")).status).toBe(403);
  });

  it("removes the uploaded file when storing the mascot fails", async () => {
    const w = createFakeWorld();
    const me = w.user();
    w.store.profileMedia.setMascot = async () => {
      throw new Error("disk full");
    };
    const res = await w.call("PUT", "/api/v1/pleroma/mascot", { token: me.token, form: upload("file", png(), "a.png", "image/png") });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: "Internal server error" });
    expect(await w.files.list("media")).toEqual([]);
  });
});

describe("media route", () => {
  it("serves only well-formed names under media/ and 404s everything else", async () => {
    const w = createFakeWorld();
    await w.files.write("secret.png", png());
    for (const name of ["..%2Fsecret.png", "secret.png", "aaaaaaaaaaaaaaaaaaaa.svg", "aaaaaaaaaaaaaaaaaaaa.png"]) {
      const res = await w.kit.fetch(new Request(`http://x/api/v1/pleroma/media/${name}`));
      expect(res!.status, name).toBe(404);
    }
  });
});

describe("PATCH /api/v1/pleroma/accounts/update_avatar|update_banner|update_background", () => {
  it("sets avatar and banner through the host and clears them with an empty value", async () => {
    const w = createFakeWorld();
    const me = w.user();
    const avatar = await w.call("PATCH", "/api/v1/pleroma/accounts/update_avatar", { token: me.token, form: upload("img", jpeg(), "a.jpg", "image/jpeg") });
    expect(avatar.status).toBe(200);
    expect(avatar.json.url).toMatch(/\.jpg$/);
    expect(w.users.get(me.id)!.avatar).toBe(avatar.json.url);
    const banner = await w.call("PATCH", "/api/v1/pleroma/accounts/update_banner", { token: me.token, form: upload("banner", png(), "b.png", "image/png") });
    expect(w.users.get(me.id)!.banner).toBe(banner.json.url);
    const cleared = await w.call("PATCH", "/api/v1/pleroma/accounts/update_avatar", { token: me.token, json: { img: "" } });
    expect(cleared.json).toEqual({ url: null });
    expect(w.users.get(me.id)!.avatar).toBeNull();
  });

  it("keeps the background in the library and exposes it for account rendering", async () => {
    const w = createFakeWorld();
    const me = w.user();
    const res = await w.call("PATCH", "/api/v1/pleroma/accounts/update_background", { token: me.token, form: upload("img", png(), "bg.png", "image/png") });
    expect((await w.kit.services.profileMedia.backgrounds([me.id]))._unsafeUnwrap().get(me.id)).toBe(res.json.url);
    const form = new FormData();
    form.set("img", "");
    expect((await w.call("PATCH", "/api/v1/pleroma/accounts/update_background", { token: me.token, form })).json).toEqual({ url: null });
    expect((await w.kit.services.profileMedia.backgrounds([me.id]))._unsafeUnwrap().size).toBe(0);
  });

  it("refuses non-images with 415, a missing field with 400, and needs write:accounts", async () => {
    const w = createFakeWorld();
    const me = w.user();
    const bad = await w.call("PATCH", "/api/v1/pleroma/accounts/update_avatar", { token: me.token, form: upload("img", mp3(), "a.png", "image/png") });
    expect(bad.status).toBe(415);
    expect(w.users.get(me.id)!.avatar).toBeNull();
    const missing = await w.call("PATCH", "/api/v1/pleroma/accounts/update_banner", { token: me.token, json: {} });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toBe("Missing field: banner.");
    expect((await w.call("PATCH", "/api/v1/pleroma/accounts/update_avatar", { token: w.token(me.id, ["read"]), json: { img: "" } })).status).toBe(403);
  });
});
