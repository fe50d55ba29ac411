/**
 * Statements per request on the SQL stores (issue 16): the pages that list accounts and statuses
 * issue a number of SQL statements independent of how many they show. Counted with Kysely's `log`
 * over the library's SQL store and the host's SQL storage sharing one SQLite database.
 */
import { createPleromaKit, mastodonConversationRoutes, memoryFileStore, silentLogger, staticEmojiCatalog, type PleromaKit } from "@pleroma-kit/core";
import { createSqlStore, migrate, openSqlDatabase } from "@pleroma-kit/store-sql";
import type { CompiledQuery } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createSqlHostData, migrateReferenceHost } from "../src/storage/sql/index.js";
import { createReferenceHost, mastodonRoutes } from "../src/index.js";
import { kitCaller } from "./kit-support.js";
import { FAST_PASSWORDS, testClock } from "./support.js";

const EMOJI = ["👍", "🎉", "❤️", "😂", "🔥"];

async function sqlKit() {
  const queries: CompiledQuery[] = [];
  let recording = false;
  const opened = await openSqlDatabase("sqlite::memory:", {
    log: (event) => {
      if (recording && event.level === "query") queries.push(event.query);
    },
  });
  const options = { dialect: opened.dialect };
  await migrate(opened.db, options);
  await migrateReferenceHost(opened.db, options);
  const clock = testClock();
  const baseUrl = "https://local.example";
  const host = createReferenceHost(createSqlHostData(opened.db, options), { baseUrl, clock, passwordParams: FAST_PASSWORDS });
  const kit: PleromaKit = createPleromaKit({
    files: memoryFileStore(),
    baseUrl,
    store: createSqlStore(opened.db, options),
    host: host.ports,
    clock,
    logger: silentLogger,
    emoji: staticEmojiCatalog([{ shortcode: "blobcat", path: "/emoji/blobs/blobcat.png", tags: ["pack:blobs"] }]),
    extraRoutes: (services) => [...mastodonRoutes(host, services), ...mastodonConversationRoutes],
  });
  const app = await host.apps.create({ name: "t", scopes: ["read", "write", "follow"] });
  const user = async (nickname: string) => {
    const row = await host.users.register({ nickname, email: `${nickname}@t.example`, password: `${nickname}-pw` });
    return { id: row.id, token: await host.tokens.issue(row.id, app.id, ["read", "write", "follow"]) };
  };
  const call = kitCaller(kit);
  /** Runs `fn` and answers the statements it issued. */
  const count = async (fn: () => Promise<unknown>) => {
    queries.length = 0;
    recording = true;
    try {
      await fn();
    } finally {
      recording = false;
    }
    // A list of any length reads as one `(?)`, so statements compare by shape.
    return queries.map((q) => q.sql.replace(/\(\?(, \?)*\)/g, "(?)"));
  };
  return { kit, host, call, user, count, close: () => opened.close() };
}

type SqlKit = Awaited<ReturnType<typeof sqlKit>>;

describe("statements per request on SQLite", { timeout: 60_000 }, () => {
  let open: SqlKit | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });

  it("the reaction list issues the same statements for 1 and for 20 reactors, at most 8", async () => {
    open = await sqlKit();
    const t = open;
    const author = await t.user("author");
    const reader = await t.user("reader");
    const one = await t.host.statuses.post({ authorId: author.id, content: "one", visibility: "public" });
    const many = await t.host.statuses.post({ authorId: author.id, content: "many", visibility: "public" });
    const first = await t.user("reactor0");
    await t.host.statuses.post({ authorId: first.id, content: "hello", visibility: "public" });
    await t.kit.services.reactions.react(first.id, one.id, "👍");
    for (let i = 0; i < 20; i++) {
      const r = i === 0 ? first : await t.user(`reactor${i}`);
      await t.host.statuses.post({ authorId: r.id, content: `by ${i}`, visibility: "public" });
      (await t.kit.services.reactions.react(r.id, many.id, EMOJI[i % EMOJI.length]!))._unsafeUnwrap();
    }
    const read = (id: string) => async () => {
      const res = await t.call("GET", `/api/v1/pleroma/statuses/${id}/reactions`, { token: reader.token });
      expect(res.status).toBe(200);
      return res.body;
    };
    const forOne = await t.count(read(one.id));
    const forMany = await t.count(read(many.id));
    expect(forMany, forMany.join("\n")).toHaveLength(forOne.length);
    expect(forMany.length, forMany.join("\n")).toBeLessThanOrEqual(8);
  });

  /** 20 authors, each with a status that mentions the reader and carries a reaction and a favourite. */
  async function busyWorld(t: SqlKit) {
    const reader = await t.user("reader");
    const statusIds: string[] = [];
    const authors = [];
    for (let i = 0; i < 20; i++) {
      const a = await t.user(`author${i}`);
      authors.push(a);
      await t.host.relations.follow(reader.id, a.id);
      const s = await t.host.statuses.post({ authorId: a.id, content: `hi @reader ${i}`, visibility: "public" });
      statusIds.push(s.id);
      (await t.kit.services.reactions.react(a.id, s.id, EMOJI[i % EMOJI.length]!))._unsafeUnwrap();
      await t.host.statuses.favourite(a.id, s.id);
    }
    return { reader, authors, statusIds };
  }

  /** Statements for `path?limit=1` and `path?limit=20` (both answering what they asked for). */
  async function oneAndTwenty(t: SqlKit, path: string, token: string) {
    const page = (limit: number) => async () => {
      const res = await t.call("GET", `${path}${path.includes("?") ? "&" : "?"}limit=${limit}`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(limit);
    };
    return { one: await t.count(page(1)), twenty: await t.count(page(20)) };
  }

  it.each(["/api/v1/timelines/public", "/api/v1/timelines/home", "/api/v1/notifications"])("%s issues the same statements for 1 and for 20 entries", async (path) => {
    open = await sqlKit();
    const world = await busyWorld(open);
    const { one, twenty } = await oneAndTwenty(open, path, world.reader.token);
    expect(twenty, `${one.join("\n")}\n----\n${twenty.join("\n")}`).toHaveLength(one.length);
  });

  it("a single status issues the same statements with 1 and with 20 mentions and reactions", async () => {
    open = await sqlKit();
    const t = open;
    const reader = await t.user("reader");
    const others: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < 20; i++) others.push(await t.user(`other${i}`));
    const post = async (mentioned: typeof others) => {
      const s = await t.host.statuses.post({ authorId: reader.id, content: mentioned.map((o) => `@other${others.indexOf(o)}`).join(" "), visibility: "public" });
      for (const [i, o] of mentioned.entries()) (await t.kit.services.reactions.react(o.id, s.id, EMOJI[i % EMOJI.length]!))._unsafeUnwrap();
      return s.id;
    };
    const small = await post(others.slice(0, 1));
    const big = await post(others);
    const read = (id: string) => async () => expect((await t.call("GET", `/api/v1/statuses/${id}`, { token: reader.token })).status).toBe(200);
    const one = await t.count(read(small));
    const twenty = await t.count(read(big));
    expect(twenty, `${one.join("\n")}\n----\n${twenty.join("\n")}`).toHaveLength(one.length);
  });

  // Each conversation's newest statuses are one store page (the store has no batch for it yet):
  // everything else is shared by the page, so 20 conversations cost at most 19 statements more.
  it("the conversation list costs one statement per conversation (its last-status page) over a constant rest", async () => {
    open = await sqlKit();
    const t = open;
    const reader = await t.user("reader");
    for (let i = 0; i < 20; i++) {
      const other = await t.user(`pen${i}`);
      const res = await t.call("POST", "/api/v1/statuses", { token: other.token, body: { status: `@reader note ${i}`, visibility: "direct" } });
      expect(res.status).toBe(200);
    }
    const { one, twenty } = await oneAndTwenty(t, "/api/v1/conversations", reader.token);
    const extra = [...twenty];
    for (const q of one) {
      const at = extra.indexOf(q);
      if (at >= 0) extra.splice(at, 1);
    }
    expect(extra.length, `${one.join("\n")}\n----\n${twenty.join("\n")}`).toBeLessThanOrEqual(19);
    expect(extra.every((q) => q.includes("conversation_statuses"))).toBe(true);
  });
});
