/** Issue 15 item 10: pack names that differ only by case or Unicode normalisation are refused (409). */
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { packsKit, png, sha256, stubHttp } from "./support/packs.js";

const P = "/api/v1/pleroma/emoji";
const R = "https://remote.example";

describe("look-alike pack names", () => {
  it("refuses create of a name equal to an existing one up to case or NFC/NFKC", async () => {
    const t = packsKit();
    expect((await t.call("POST", `${P}/pack?name=${encodeURIComponent("Café")}`)).status).toBe(200);
    for (const name of ["CAFÉ", "café", "Cafe\u0301", "Ｃａｆé"]) {
      const res = await t.call("POST", `${P}/pack?name=${encodeURIComponent(name)}`);
      expect(res, name).toMatchObject({ status: 409, body: { error: 'A pack named "Café" already exists' } });
    }
    expect((await t.call("POST", `${P}/pack?name=Cafes`)).status).toBe(200);
    const list = await t.call("GET", `${P}/packs`);
    expect(Object.keys(list.body.packs).sort()).toEqual(["Cafes", "Café"]);
  });

  it("refuses a download whose `as` name looks like an existing pack", async () => {
    const files = { a: "a.png" };
    const archive = zipSync({ "pack.json": strToU8(JSON.stringify({ files, pack: {} })), "a.png": png() });
    const http = stubHttp({
      [`${R}/.well-known/nodeinfo`]: () => ({ body: JSON.stringify({ links: [{ href: `${R}/ni` }] }) }),
      [`${R}/ni`]: () => ({ body: JSON.stringify({ metadata: { features: ["shareable_emoji_packs"] } }) }),
      [`${R}/api/v1/pleroma/emoji/pack?name=x&page=1&page_size=500`]: () => ({
        body: JSON.stringify({ files, files_count: 1, pack: { "share-files": true, "can-download": true, "download-sha256": sha256(archive) } }),
      }),
      [`${R}/api/v1/pleroma/emoji/packs/archive?name=x`]: () => ({ body: archive }),
    });
    const t = packsKit({ http: http.client });
    expect((await t.call("POST", `${P}/pack?name=Blobs`)).status).toBe(200);
    const res = await t.call("POST", `${P}/packs/download`, { body: { url: R, name: "x", as: "BLOBS" } });
    expect(res).toMatchObject({ status: 409, body: { error: 'A pack named "Blobs" already exists' } });
    expect((await t.call("POST", `${P}/packs/download`, { body: { url: R, name: "x", as: "other" } })).status).toBe(200);
  });
});
