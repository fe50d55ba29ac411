/**
 * User backups against the demo server over real HTTP: POST creates one (a second inside the
 * period is refused), the job runs in the background, the listing shows it processed, and the
 * download is a zip whose outbox, likes and follow list match what the user did.
 */
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, quickUser, startServer, stores, unique } from "./support.js";

describe("backups over HTTP: express on SQLite", () => {
  let ctx: Awaited<ReturnType<typeof startServer>>;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    ctx = await startServer("express", stores[1]!);
    call = client(ctx.server);
  });
  afterAll(async () => ctx?.stop());

  it("creates, lists, downloads, and the archive holds the user's data", async () => {
    const alice = await quickUser(ctx.server, unique("alice"));
    const bob = await quickUser(ctx.server, unique("bob"));
    const texts = ["first post", "second post", "third post"];
    for (const status of texts) expect((await call("POST", "/api/v1/statuses", { token: alice.token, json: { status, visibility: "public" } })).status).toBe(200);
    const liked = await call("POST", "/api/v1/statuses", { token: bob.token, json: { status: "likeable", visibility: "public" } });
    await call("POST", `/api/v1/statuses/${liked.body.id}/favourite`, { token: alice.token, json: {} });
    await call("POST", `/api/v1/accounts/${bob.id}/follow`, { token: alice.token, json: {} });

    const created = await call("POST", "/api/v1/pleroma/backups", { token: alice.token, json: {} });
    expect(created.status).toBe(200);
    expect(created.body).toEqual([expect.objectContaining({ content_type: "application/zip", processed: false })]);
    expect((await call("POST", "/api/v1/pleroma/backups", { token: alice.token, json: {} })).status).toBe(400);

    let listed: any[] = [];
    for (let i = 0; i < 100; i++) {
      listed = (await call("GET", "/api/v1/pleroma/backups", { token: alice.token })).body;
      if (listed[0]?.processed) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(listed).toEqual([expect.objectContaining({ processed: true, file_size: expect.any(Number) })]);
    expect((await call("GET", "/api/v1/pleroma/backups", { token: bob.token })).body).toEqual([]);

    const download = await fetch(listed[0].url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="archive-[A-Za-z0-9_.-]+\.zip"$/);
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["actor.json", "outbox.json", "likes.json", "following.txt"]));
    const outbox = JSON.parse(strFromU8(files["outbox.json"]!));
    expect(outbox.totalItems).toBe(3);
    expect(outbox.orderedItems.map((a: any) => a.object.content)).toEqual(expect.arrayContaining(texts.map((t) => expect.stringContaining(t))));
    expect(JSON.parse(strFromU8(files["likes.json"]!)).totalItems).toBe(1);
    expect(strFromU8(files["following.txt"]!)).toContain(bob.nickname);
  }, 30_000);
});
