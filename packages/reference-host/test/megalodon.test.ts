/**
 * The reference host and the library against a real client: megalodon 10.0.5 over HTTP, as
 * third-party apps would use it. Listens on loopback only.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPleromaKit, silentLogger, staticEmojiCatalog, type PleromaKit } from "@pleroma-kit/core";
import { handleNodeRequest } from "@pleroma-kit/core/node";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { createMemoryHostData } from "../src/storage/memory/index.js";
import megalodon, { detector } from "megalodon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReferenceHost, mastodonRoutes, type ReferenceHost } from "../src/index.js";
import { FAST_PASSWORDS } from "./support.js";

// CJS interop: Node hands over `module.exports`, vite its `default`; accept both.
const loaded: unknown = megalodon;
const generator = (typeof loaded === "function" ? loaded : megalodon.default) as typeof megalodon.default;

let server: Server;
let baseUrl: string;
let host: ReferenceHost;

beforeAll(async () => {
  let kit: PleromaKit | null = null;
  server = createServer((req, res) => {
    handleNodeRequest(kit!.fetch, req, res)
      .then((handled) => {
        if (!handled) res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
      })
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  host = createReferenceHost(createMemoryHostData(), { baseUrl, passwordParams: FAST_PASSWORDS });
  kit = createPleromaKit({
    baseUrl,
    store: createMemoryStore(),
    host: host.ports,
    logger: silentLogger,
    emoji: staticEmojiCatalog([{ shortcode: "blobcat", path: "/emoji/blobs/blobcat.png", tags: ["pack:blobs"] }]),
    extraRoutes: (services) => mastodonRoutes(host, services),
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function login(nickname: string): Promise<{ token: string; id: string }> {
  const user = await host.users.register({ nickname, email: `${nickname}@mail.example`, password: "pw" });
  const app = await generator("pleroma", baseUrl).createApp("megalodon test", { scopes: ["read", "write", "follow"] });
  const res = await fetch(`${baseUrl}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: nickname, password: "pw" }),
  });
  const body = (await res.json()) as { access_token: string };
  return { token: body.access_token, id: user.id };
}

describe("megalodon 10.0.5 against the reference host", () => {
  it("detects Pleroma from nodeinfo", async () => {
    expect(await detector(baseUrl)).toBe("pleroma");
  });

  it("reads the instance and custom emoji", async () => {
    const client = generator("pleroma", baseUrl);
    const instance = await client.getInstance();
    expect(instance.data.version).toContain("Pleroma");
    expect(instance.data.configuration.polls?.max_options).toBe(20);
    const emojis = await client.getInstanceCustomEmojis();
    expect(emojis.data.map((e) => e.shortcode)).toEqual(["blobcat"]);
  });

  it("posts, reacts, follows and reads timelines and notifications", async () => {
    const alice = await login("alice");
    const bob = await login("bob");
    const a = generator("pleroma", baseUrl, alice.token);
    const b = generator("pleroma", baseUrl, bob.token);

    const me = await a.verifyAccountCredentials();
    expect(me.data).toMatchObject({ id: alice.id, username: "alice", emojis: [] });

    // megalodon 10.0.5 sends no `notify` (it subscribes through the Pleroma endpoint instead).
    const rel = await b.followAccount(alice.id);
    expect(rel.data).toMatchObject({ following: true, notifying: false });
    expect((await b.getRelationship(alice.id)).data).toMatchObject({ id: alice.id, following: true });

    const posted = await a.postStatus("hello from megalodon @bob", { visibility: "private" });
    const status = posted.data as { id: string; visibility: string; emoji_reactions: unknown[] };
    expect(status.visibility).toBe("private");

    const reacted = await b.createEmojiReaction(status.id, "👍");
    expect(reacted.data.emoji_reactions).toEqual([expect.objectContaining({ name: "👍", count: 1, me: true })]);
    const blob = await b.createEmojiReaction(status.id, "blobcat");
    expect(blob.data.emoji_reactions.map((r) => r.name)).toEqual(["👍", "blobcat"]);

    const reactions = await a.getEmojiReactions(status.id);
    expect(reactions.data[0]).toMatchObject({ name: "👍", count: 1, me: false });

    const home = await b.getHomeTimeline({ limit: 10 });
    expect(home.data.map((s) => s.id)).toContain(status.id);
    expect(home.data.find((s) => s.id === status.id)?.plain_content).toBe("hello from megalodon @bob");

    const notifications = await a.getNotifications();
    expect(notifications.data.map((n) => n.type)).toEqual(expect.arrayContaining(["follow", "reaction"]));

    const fav = await b.favouriteStatus(status.id);
    expect(fav.data).toMatchObject({ favourited: true, favourites_count: 1 });

    const fetched = await a.getStatus(status.id);
    expect(fetched.data.account.emojis).toEqual([]);
    await a.deleteStatus(status.id);
    await expect(b.getStatus(status.id)).rejects.toMatchObject({ response: { status: 404 } });
  });
});
