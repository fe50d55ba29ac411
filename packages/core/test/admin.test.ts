/**
 * The admin endpoints admin-fe needs around emoji packs: reload_emoji, the read-only config
 * (emoji group) with its descriptions, and need_reboot.
 */
import { describe, expect, it } from "vitest";
import { packsKit, png, stubHttp } from "./support/packs.js";

const A = "/api/v1/pleroma/admin";

describe("POST /admin/reload_emoji", () => {
  it("makes pack changes made outside this process visible at once", async () => {
    // A long catalog TTL: without the reload the change below would stay unseen for a minute.
    const t = packsKit({ overrides: { packs: { http: stubHttp().client, catalogTtlMs: 60_000 } } });
    expect((await t.call("GET", "/api/v1/pleroma/emoji")).body).toEqual({});
    // Another instance (or a shell) adds a folder of images to the shared volume.
    await t.put("emoji/outside/blob.png", png());
    expect((await t.call("GET", "/api/v1/pleroma/emoji")).body).toEqual({});
    expect(await t.call("POST", `${A}/reload_emoji`)).toMatchObject({ status: 200, body: "ok" });
    expect((await t.call("GET", "/api/v1/pleroma/emoji")).body).toEqual({ blob: { image_url: "/emoji/outside/blob.png", tags: ["Custom"] } });
    expect(await t.call("POST", `/api/pleroma/admin/reload_emoji`)).toMatchObject({ status: 200, body: "ok" });
  });

  it("is for admins with admin:write only", async () => {
    const t = packsKit();
    expect(await t.call("POST", `${A}/reload_emoji`, { token: null })).toMatchObject({ status: 403 });
    expect(await t.call("POST", `${A}/reload_emoji`, { token: "u1-token" })).toMatchObject({ status: 403 });
    // Moderators manage packs but are not admins.
    expect(await t.call("POST", `${A}/reload_emoji`, { token: "mod-token" })).toMatchObject({ status: 403 });
    expect(await t.call("POST", `${A}/reload_emoji`, { token: "admin-read" })).toMatchObject({
      status: 403,
      body: { error: "Insufficient permissions: admin:write." },
    });
  });
});

describe("GET /admin/config, /config/descriptions, /need_reboot", () => {
  it("show the emoji group read-only in Akkoma's shapes", async () => {
    const t = packsKit();
    const config = await t.call("GET", `${A}/config`, { token: "admin-read" });
    expect(config).toMatchObject({ status: 200 });
    expect(config.body).toEqual({
      configs: [{ group: ":pleroma", key: ":emoji", value: [{ tuple: [":pack_extensions", [".png", ".gif"]] }], db: [] }],
      need_reboot: false,
    });
    const descriptions = await t.call("GET", `${A}/config/descriptions`, { token: "admin-read" });
    expect(descriptions.status).toBe(200);
    const emoji = (descriptions.body as Array<{ key: string; children: Array<{ key: string }> }>).find((d) => d.key === ":emoji");
    // Every value config shows is described, so admin-fe can render it.
    expect(emoji?.children.map((c) => c.key)).toEqual([":pack_extensions"]);
    expect(await t.call("GET", `${A}/need_reboot`, { token: "admin-read" })).toMatchObject({ status: 200, body: { need_reboot: false } });
  });

  it("are for admins with admin:read only", async () => {
    const t = packsKit();
    for (const path of ["/config", "/config/descriptions", "/need_reboot"]) {
      expect(await t.call("GET", `${A}${path}`, { token: null })).toMatchObject({ status: 403 });
      expect(await t.call("GET", `${A}${path}`, { token: "u1-token" })).toMatchObject({ status: 403 });
      expect(await t.call("GET", `${A}${path}`, { token: "mod-token" })).toMatchObject({ status: 403 });
    }
  });
});
