/**
 * Emoji reactions end to end: the demo server on each framework and each store, real HTTP,
 * accounts and statuses made through the Mastodon API as a client would.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, describeStore, frameworks, quickUser, startServer, stores, TINY_PNG, unique } from "./support.js";

const enc = encodeURIComponent;

for (const store of stores) {
  for (const framework of frameworks) {
    describeStore(store, `reactions over HTTP: ${framework} on ${store.name}`, () => {
      let ctx: Awaited<ReturnType<typeof startServer>>;
      let call: ReturnType<typeof client>;
      let alice: Awaited<ReturnType<typeof quickUser>>;
      let bob: Awaited<ReturnType<typeof quickUser>>;
      let carol: Awaited<ReturnType<typeof quickUser>>;

      beforeAll(async () => {
        ctx = await startServer(framework, store);
        call = client(ctx.server);
        [alice, bob, carol] = await Promise.all([quickUser(ctx.server, unique("alice")), quickUser(ctx.server, unique("bob")), quickUser(ctx.server, unique("carol"))]);
      });
      afterAll(async () => ctx?.stop());

      const post = async (token: string, json: Record<string, unknown>) => {
        const res = await call("POST", "/api/v1/statuses", { token, json });
        expect(res.status).toBe(200);
        return res.body.id as string;
      };

      it("reacts, lists, filters by emoji and unreacts", async () => {
        const id = await post(bob.token, { status: "hello", visibility: "public" });
        const put = await call("PUT", `/api/v1/pleroma/statuses/${id}/reactions/${enc("⚠")}`, { token: alice.token });
        expect(put.status).toBe(200);
        expect(put.body.pleroma.emoji_reactions).toEqual([{ name: "⚠️", count: 1, me: true, url: null, account_ids: [alice.id] }]);
        expect(put.body.account.emojis).toEqual([]);
        await call("PUT", `/api/v1/pleroma/statuses/${id}/reactions/${enc("🎅")}`, { token: carol.token });
        const list = await call("GET", `/api/v1/pleroma/statuses/${id}/reactions`, { token: alice.token });
        expect(list.body.map((e: any) => [e.name, e.count, e.me, e.accounts.map((a: any) => a.id)])).toEqual([
          ["⚠️", 1, true, [alice.id]],
          ["🎅", 1, false, [carol.id]],
        ]);
        expect(list.body[0].accounts[0].emojis).toEqual([]);
        const one = await call("GET", `/api/pleroma/statuses/${id}/reactions/${enc("🎅")}`);
        expect(one.body.map((e: any) => e.name)).toEqual(["🎅"]);
        const del = await call("DELETE", `/api/v1/pleroma/statuses/${id}/reactions/${enc("⚠️")}`, { token: alice.token, json: {} });
        expect(del.status).toBe(200);
        expect(del.body.pleroma.emoji_reactions.map((e: any) => e.name)).toEqual(["🎅"]);
        expect(await call("DELETE", `/api/v1/pleroma/statuses/${id}/reactions/${enc("⚠️")}`, { token: alice.token })).toMatchObject({
          status: 400,
          body: { error: "Could not remove reaction emoji" },
        });
      });

      it("reacts with a custom emoji from a pack, in every spelling, and its image URL is served", async () => {
        const admin = await quickUser(ctx.server, unique("admin"), { isAdmin: true });
        const pack = unique("blobs");
        expect((await call("POST", `/api/v1/pleroma/emoji/pack?name=${pack}`, { token: admin.token, json: {} })).body).toBe("ok");
        const shortcode = unique("blobcat");
        const upload = new FormData();
        upload.append("shortcode", shortcode);
        upload.append("file", new Blob([TINY_PNG], { type: "image/png" }), "blobcat.png");
        expect((await call("POST", `/api/v1/pleroma/emoji/packs/files?name=${pack}`, { token: admin.token, form: upload })).status).toBe(200);
        expect((await call("GET", "/api/v1/pleroma/emoji")).body[shortcode]).toEqual({ image_url: `/emoji/${pack}/blobcat.png`, tags: [`pack:${pack}`] });

        const id = await post(bob.token, { status: "custom", visibility: "public" });
        const url = `${ctx.server.url}/emoji/${pack}/blobcat.png`;
        for (const [who, spelling] of [[alice, shortcode], [carol, `:${shortcode}:`], [bob, `%3A${shortcode}%3A`]] as const) {
          const path = spelling.startsWith("%") ? spelling : enc(spelling);
          const res = await call("PUT", `/api/v1/pleroma/statuses/${id}/reactions/${path}`, { token: who.token });
          expect(res.status).toBe(200);
        }
        const list = await call("GET", `/api/v1/pleroma/statuses/${id}/reactions/${shortcode}`);
        expect(list.body).toEqual([expect.objectContaining({ name: shortcode, count: 3, url })]);
        const image = await fetch(url);
        expect(image.status).toBe(200);
        expect(Buffer.from(await image.arrayBuffer())).toEqual(TINY_PNG);
      });

      it("refuses bad emoji and hides statuses the caller cannot see", async () => {
        const id = await post(bob.token, { status: `@${carol.nickname} secret`, visibility: "direct" });
        for (const [method, path] of [
          ["PUT", `/api/v1/pleroma/statuses/${id}/reactions/${enc("👍")}`],
          ["DELETE", `/api/v1/pleroma/statuses/${id}/reactions/${enc("👍")}`],
          ["GET", `/api/v1/pleroma/statuses/${id}/reactions`],
          ["GET", `/api/v1/pleroma/statuses/${id}/reactions/${enc("👍")}`],
        ] as const) {
          expect(await call(method, path, { token: alice.token })).toMatchObject({ status: 404, body: { error: "Record not found" } });
        }
        expect((await call("PUT", `/api/v1/pleroma/statuses/${id}/reactions/${enc("👍")}`, { token: carol.token })).status).toBe(200);
        const pub = await post(bob.token, { status: "pub", visibility: "public" });
        for (const bad of ["x", "👍👍", "nosuchemoji"]) {
          expect(await call("PUT", `/api/v1/pleroma/statuses/${pub}/reactions/${enc(bad)}`, { token: alice.token })).toMatchObject({
            status: 400,
            body: { error: "Could not add reaction emoji" },
          });
        }
        expect(await call("PUT", `/api/v1/pleroma/statuses/${pub}/reactions/${enc("👍")}`)).toMatchObject({
          status: 403,
          body: { error: "Invalid credentials." },
        });
      });

      it("hides muted reactors unless with_muted, and notifies the author", async () => {
        const id = await post(bob.token, { status: "mute test", visibility: "public" });
        await call("PUT", `/api/v1/pleroma/statuses/${id}/reactions/${enc("🎉")}`, { token: alice.token });
        await call("PUT", `/api/v1/pleroma/statuses/${id}/reactions/${enc("🎉")}`, { token: carol.token });
        expect((await call("POST", `/api/v1/accounts/${carol.id}/mute`, { token: alice.token, json: {} })).status).toBe(200);
        const hidden = await call("GET", `/api/v1/pleroma/statuses/${id}/reactions`, { token: alice.token });
        expect(hidden.body[0].count).toBe(1);
        const shown = await call("GET", `/api/v1/pleroma/statuses/${id}/reactions?with_muted=true`, { token: alice.token });
        expect(shown.body[0].count).toBe(2);
        const notifications = await call("GET", "/api/v1/notifications", { token: bob.token });
        const reaction = notifications.body.find((n: any) => n.type === "pleroma:emoji_reaction" && n.status?.id === id);
        expect(reaction).toMatchObject({ emoji: "🎉", account: { id: expect.any(String) } });
        const read = await call("POST", "/api/v1/pleroma/notifications/read", { token: bob.token, json: { id: reaction.id } });
        expect(read).toMatchObject({ status: 200, body: { id: reaction.id, pleroma: { is_seen: true } } });
      });

      it("counts exactly 100 when 100 users react at once", async () => {
        const id = await post(bob.token, { status: "popular", visibility: "public" });
        const users = await Promise.all(Array.from({ length: 100 }, (_, i) => quickUser(ctx.server, unique(`fan${i}x`))));
        const results = await Promise.all(users.map((u) => call("PUT", `/api/v1/pleroma/statuses/${id}/reactions/${enc("👍")}`, { token: u.token })));
        expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
        const list = await call("GET", `/api/v1/pleroma/statuses/${id}/reactions`);
        expect(list.body[0].count).toBe(100);
      }, 30_000);

      it("leaves other paths to the host: Akkoma's 404 bodies", async () => {
        expect(await call("GET", "/api/v1/pleroma/no/such/thing")).toMatchObject({ status: 404, body: { error: "Not implemented" } });
        expect(await call("POST", "/api/v1/pleroma/no/such/thing", { json: {} })).toMatchObject({
          status: 404,
          body: { errors: { detail: "Page not found" } },
        });
      });
    });
  }
}

describe("demo server start contract", () => {
  it("serves the healthcheck and the emoji map on every framework", async () => {
    for (const framework of frameworks) {
      const ctx = await startServer(framework, stores[0]!);
      try {
        const call = client(ctx.server);
        expect((await call("GET", "/api/v1/pleroma/healthcheck")).body).toMatchObject({ healthy: true });
        expect((await call("GET", "/api/pleroma/emoji.json")).status).toBe(200);
      } finally {
        await ctx.stop();
      }
    }
  });
});
