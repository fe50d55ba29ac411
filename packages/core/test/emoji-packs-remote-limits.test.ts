/**
 * Issue 15 items 6-7: a remote pack download obeys the per-file limit of uploads, and remote JSON
 * nested absurdly deep is refused with 422 instead of crashing the answer.
 */
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { packsKit, png, sha256, stubHttp } from "./support/packs.js";

const P = "/api/v1/pleroma/emoji";
const R = "https://remote.example";

function remote(extra: Parameters<typeof stubHttp>[0] = {}) {
  return stubHttp({
    [`${R}/.well-known/nodeinfo`]: () => ({ body: JSON.stringify({ links: [{ rel: "n", href: `${R}/nodeinfo/2.1` }] }) }),
    [`${R}/nodeinfo/2.1`]: () => ({ body: JSON.stringify({ metadata: { features: ["shareable_emoji_packs"] } }) }),
    ...extra,
  });
}
const showUrl = (name: string) => `${R}/api/v1/pleroma/emoji/pack?name=${name}&page=1&page_size=500`;

describe("remote pack limits", () => {
  it("refuses a downloaded pack file over the per-file limit (413), installing nothing", async () => {
    const big = new Uint8Array(Buffer.concat([Buffer.from(png("big")), Buffer.alloc(5000, 7)]));
    const files = { small: "small.png", big: "big.png" };
    const archive = zipSync({ "pack.json": strToU8(JSON.stringify({ files, pack: {} })), "small.png": png("s"), "big.png": big });
    const http = remote({
      [showUrl("huge")]: () => ({ body: JSON.stringify({ files, files_count: 2, pack: { "share-files": true, "can-download": true, "download-sha256": sha256(archive) } }) }),
      [`${R}/api/v1/pleroma/emoji/packs/archive?name=huge`]: () => ({ body: archive }),
    });
    const t = packsKit({ http: http.client, overrides: { packs: { http: http.client, limits: { maxFileBytes: 1000 } } } });
    const res = await t.call("POST", `${P}/packs/download`, { body: { url: R, name: "huge" } });
    expect(res.status).toBe(413);
    expect(await t.snapshot()).toEqual({});
  });

  it("answers 422 to a remote pack list nested 200,000 levels deep", async () => {
    const deep = `{"count":1,"packs":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    const http = remote({ [`${R}/api/v1/pleroma/emoji/packs?page=1&page_size=30`]: () => ({ body: deep }) });
    const t = packsKit({ http: http.client, overrides: { packs: { http: http.client, limits: { maxJsonBytes: 1_000_000 } } } });
    const res = await t.call("GET", `${P}/packs/remote?url=${R}`);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/nested too deeply/);
  });
});
