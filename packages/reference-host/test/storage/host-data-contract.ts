import {
  newUser,
  UniqueViolation,
  type HostData,
  type NewUser,
  type NotificationRow,
  type StatusRow,
  type TokenRow,
} from "../../src/index.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/** A fresh, empty `HostData` for one test, and how to release it. */
export interface HostDataFixture {
  readonly data: HostData;
  close?(): Promise<void>;
}

/** Builds a fresh fixture; called before every test. */
export type HostDataFactory = () => Promise<HostDataFixture>;

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
/** Fixed-width ids, so string order is creation order, as the port's sortable ids are. */
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(6, "0")}`;
const sorted = (values: Iterable<string>) => [...values].sort();

function user(n: number, over: Partial<NewUser> = {}): NewUser {
  return newUser({
    id: id("u", n),
    nickname: `user${n}`,
    email: `user${n}@example.com`,
    passwordHash: "$scrypt$test",
    displayName: `User ${n}`,
    hideFavorites: false,
    createdAt: at(n),
    ...over,
  });
}

function status(n: number, authorId: string, over: Partial<StatusRow> = {}): StatusRow {
  return {
    id: id("s", n),
    authorId,
    content: `status ${n}`,
    spoilerText: "",
    visibility: "public",
    inReplyToId: null,
    contextId: id("s", n),
    mentionIds: [],
    sensitive: false,
    createdAt: at(n),
    ...over,
  };
}

function notification(n: number, userId: string, over: Partial<NotificationRow> = {}): NotificationRow {
  return {
    id: id("n", n),
    userId,
    type: "mention",
    actorId: "actor",
    statusId: null,
    emoji: null,
    emojiUrl: null,
    targetId: null,
    seen: false,
    createdAt: at(n),
    ...over,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/**
 * The reference host's storage contract: the semantics `HostData`'s doc comments promise
 * (uniqueness and case-insensitivity, pagination, batch lookups, idempotent adds under
 * concurrency, notifications marked seen only for their owner). Every `HostData`
 * implementation (memory, SQLite, PostgreSQL) runs it and must pass it whole.
 *
 * @example
 * runHostDataContract("memory", async () => ({ data: createMemoryHostData() }));
 */
export function runHostDataContract(name: string, factory: HostDataFactory): void {
  describe(`host data contract: ${name}`, () => {
    let fixture: HostDataFixture | null = null;
    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await fixture?.close?.();
      fixture = null;
    });
    const get = (): HostData => {
      if (!fixture) throw new Error("host data fixture used outside a test");
      return fixture.data;
    };

    describe("users", () => {
      it("creates a user and reads it back whole by id", async () => {
        const { users } = get();
        const created = await users.create(user(1, { isAdmin: true, avatarUrl: "https://x.example/a.png" }));
        expect(created.createdAt).toEqual(at(1));
        expect(await users.byId(id("u", 1))).toEqual(created);
        expect(created).toMatchObject({ nickname: "user1", isAdmin: true, isModerator: false, avatarUrl: "https://x.example/a.png", headerUrl: null });
        expect(await users.byId("nobody")).toBeNull();
      });

      it("stamps createdAt when none is given", async () => {
        const { users } = get();
        const before = Date.now();
        const { createdAt: _omit, ...rest } = user(1);
        const created = await users.create(rest);
        expect(created.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect((await users.byId(rest.id))?.createdAt).toEqual(created.createdAt);
      });

      it("refuses a nickname taken in another case with a UniqueViolation", async () => {
        const { users } = get();
        await users.create(user(1, { nickname: "Alice" }));
        const error = await rejection(users.create(user(2, { nickname: "aLICE" })));
        expect(error).toBeInstanceOf(UniqueViolation);
        expect((error as UniqueViolation).field).toMatch(/nickname/i);
        expect(await users.byId(id("u", 2))).toBeNull();
        expect(await users.count()).toBe(1);
      });

      it("refuses an email taken in another case, and allows many users without email", async () => {
        const { users } = get();
        await users.create(user(1, { email: "Same@Example.com" }));
        const error = await rejection(users.create(user(2, { email: "same@example.COM" })));
        expect(error).toBeInstanceOf(UniqueViolation);
        expect((error as UniqueViolation).field).toMatch(/email/i);
        await users.create(user(3, { email: null }));
        await users.create(user(4, { email: null }));
        expect(await users.count()).toBe(3);
      });

      it("finds by nickname and email case-insensitively; remote accounts as nick@domain", async () => {
        const { users } = get();
        await users.create(user(1, { nickname: "Bob", email: "Bob@Example.com" }));
        await users.create(user(2, { nickname: "bob@Remote.example", domain: "remote.example", email: null }));
        expect((await users.byNickname("BOB"))?.id).toBe(id("u", 1));
        expect((await users.byNickname("bob@remote.EXAMPLE"))?.id).toBe(id("u", 2));
        expect(await users.byNickname("bob@elsewhere.example")).toBeNull();
        expect((await users.byEmail("bob@example.com"))?.id).toBe(id("u", 1));
        expect(await users.byEmail("nobody@example.com")).toBeNull();
      });

      it("reads a batch by ids, leaving out unknown ones", async () => {
        const { users } = get();
        for (const n of [1, 2, 3]) await users.create(user(n));
        const found = await users.byIds([id("u", 3), "missing", id("u", 1)]);
        expect(sorted(found.map((u) => u.id))).toEqual([id("u", 1), id("u", 3)]);
        expect(await users.byIds([])).toEqual([]);
      });

      it("updates only the patched fields, and a new nickname replaces the old one in lookups", async () => {
        const { users } = get();
        const created = await users.create(user(1));
        const updated = await users.update(id("u", 1), { nickname: "Renamed", isActive: false, note: "hi" });
        expect(updated).toEqual({ ...created, nickname: "Renamed", isActive: false, note: "hi" });
        expect(await users.byId(id("u", 1))).toEqual(updated);
        expect((await users.byNickname("renamed"))?.id).toBe(id("u", 1));
        expect(await users.byNickname("user1")).toBeNull();
        expect(await users.update("missing", { note: "x" })).toBeNull();
      });

      it("of 10 parallel registrations of one nickname exactly one succeeds", async () => {
        const { users } = get();
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => users.create(user(i + 1, { nickname: "same", email: null }))),
        );
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason instanceof UniqueViolation)).toBe(true);
      });

      it("counts users", async () => {
        const { users } = get();
        expect(await users.count()).toBe(0);
        for (const n of [1, 2]) await users.create(user(n));
        expect(await users.count()).toBe(2);
      });

      it("lists users by nickname, a page at a time, with the admin filters", async () => {
        const { users } = get();
        await users.create(user(1, { nickname: "carol", isAdmin: true }));
        await users.create(user(2, { nickname: "Alice", displayName: "Wonder 100%", email: "a@mail.example" }));
        await users.create(user(3, { nickname: "bob", isActive: false, isModerator: true }));
        await users.create(user(4, { nickname: "dave@remote.example", domain: "remote.example", email: null, isConfirmed: false }));
        const nicks = async (filter: Parameters<typeof users.list>[0], offset = 0, limit = 10) => {
          const page = await users.list(filter, offset, limit);
          return { nicks: page.rows.map((u) => u.nickname), total: page.total };
        };
        expect(await nicks({})).toEqual({ nicks: ["Alice", "bob", "carol", "dave@remote.example"], total: 4 });
        expect(await nicks({}, 1, 2)).toEqual({ nicks: ["bob", "carol"], total: 4 });
        expect(await nicks({ local: true })).toEqual({ nicks: ["Alice", "bob", "carol"], total: 3 });
        expect(await nicks({ local: false })).toEqual({ nicks: ["dave@remote.example"], total: 1 });
        expect(await nicks({ active: false })).toEqual({ nicks: ["bob"], total: 1 });
        expect(await nicks({ confirmed: false })).toEqual({ nicks: ["dave@remote.example"], total: 1 });
        expect(await nicks({ roles: ["admin", "moderator"] })).toEqual({ nicks: ["bob", "carol"], total: 2 });
        expect(await nicks({ roles: ["admin"], local: true })).toEqual({ nicks: ["carol"], total: 1 });
        // The query matches nickname, display name or email, case-insensitively; % and _ are literal.
        expect(await nicks({ query: "ALI" })).toEqual({ nicks: ["Alice"], total: 1 });
        expect(await nicks({ query: "wonder 100%" })).toEqual({ nicks: ["Alice"], total: 1 });
        expect(await nicks({ query: "MAIL.example" })).toEqual({ nicks: ["Alice"], total: 1 });
        expect(await nicks({ query: "%" })).toEqual({ nicks: ["Alice"], total: 1 });
        expect(await nicks({ query: "_" })).toEqual({ nicks: [], total: 0 });
        expect(await nicks({}, 10, 10)).toEqual({ nicks: [], total: 4 });
      });
    });

    describe("apps and tokens", () => {
      it("stores an app and finds it by client id", async () => {
        const { apps } = get();
        const app = { id: "a1", clientId: "cid", clientSecret: "secret", name: "App", website: null, redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: ["read", "write"], createdAt: at(1) };
        await apps.create(app);
        expect(await apps.byClientId("cid")).toEqual(app);
        expect(await apps.byClientId("other")).toBeNull();
      });

      it("finds a token by hash and revokes every token of one user only", async () => {
        const { tokens } = get();
        const token = (n: number, userId: string | null, over: Partial<TokenRow> = {}): TokenRow => ({
          id: `t${n}`,
          tokenHash: `hash${n}`,
          appId: "a1",
          userId,
          scopes: ["read"],
          createdAt: at(n),
          expiresAt: null,
          ...over,
        });
        await tokens.create(token(1, "u1", { expiresAt: at(100), scopes: ["read", "write:statuses"] }));
        await tokens.create(token(2, "u1"));
        await tokens.create(token(3, "u2"));
        await tokens.create(token(4, null));
        expect(await tokens.byHash("hash1")).toEqual(token(1, "u1", { expiresAt: at(100), scopes: ["read", "write:statuses"] }));
        expect(await tokens.byHash("hash4")).toEqual(token(4, null));
        expect(await tokens.byHash("nope")).toBeNull();
        await tokens.revokeForUser("u1");
        expect(await tokens.byHash("hash1")).toBeNull();
        expect(await tokens.byHash("hash2")).toBeNull();
        expect(await tokens.byHash("hash3")).not.toBeNull();
        expect(await tokens.byHash("hash4")).not.toBeNull();
        expect(await tokens.revoke("hash3")).toBe(true);
        expect(await tokens.revoke("hash3")).toBe(false);
        expect(await tokens.byHash("hash3")).toBeNull();
        expect(await tokens.byHash("hash4")).not.toBeNull();
      });
    });

    describe("statuses", () => {
      it("stores a status whole, reads batches, and deletes once", async () => {
        const { statuses } = get();
        const reply = status(2, "u2", { inReplyToId: id("s", 1), contextId: id("s", 1), mentionIds: ["u1", "u3"], visibility: "direct", sensitive: true, spoilerText: "cw" });
        await statuses.create(status(1, "u1"));
        await statuses.create(reply);
        expect(await statuses.byId(id("s", 2))).toEqual(reply);
        expect(sorted((await statuses.byIds([id("s", 1), id("s", 2), "missing"])).map((s) => s.id))).toEqual([id("s", 1), id("s", 2)]);
        expect(await statuses.byIds([])).toEqual([]);
        expect(await statuses.delete(id("s", 2))).toBe(true);
        expect(await statuses.delete(id("s", 2))).toBe(false);
        expect(await statuses.byId(id("s", 2))).toBeNull();
      });

      it("pages an author's statuses newest first with limit, max_id and since_id", async () => {
        const { statuses } = get();
        for (const n of [1, 2, 3, 4, 5]) await statuses.create(status(n, "u1"));
        await statuses.create(status(6, "u2"));
        const ids = async (page: Parameters<HostData["statuses"]["byAuthor"]>[1]) => (await statuses.byAuthor("u1", page)).map((s) => s.id);
        expect(await ids({ limit: 10 })).toEqual([5, 4, 3, 2, 1].map((n) => id("s", n)));
        expect(await ids({ limit: 2 })).toEqual([id("s", 5), id("s", 4)]);
        expect(await ids({ limit: 2, maxId: id("s", 4) })).toEqual([id("s", 3), id("s", 2)]);
        expect(await ids({ limit: 10, sinceId: id("s", 3) })).toEqual([id("s", 5), id("s", 4)]);
        expect(await ids({ limit: 1, sinceId: id("s", 3) })).toEqual([id("s", 5)]);
        expect(await ids({ limit: 10, maxId: id("s", 5), sinceId: id("s", 2) })).toEqual([id("s", 4), id("s", 3)]);
      });

      it("with min_id answers the rows right after it, still newest first", async () => {
        const { statuses } = get();
        for (const n of [1, 2, 3, 4, 5]) await statuses.create(status(n, "u1"));
        const ids = async (page: Parameters<HostData["statuses"]["byAuthor"]>[1]) => (await statuses.byAuthor("u1", page)).map((s) => s.id);
        expect(await ids({ limit: 2, minId: id("s", 2) })).toEqual([id("s", 4), id("s", 3)]);
        expect(await ids({ limit: 5, minId: id("s", 3) })).toEqual([id("s", 5), id("s", 4)]);
        expect(await ids({ limit: 5, minId: id("s", 1), maxId: id("s", 3) })).toEqual([id("s", 2)]);
      });

      it("with min_id \"\" starts below every id, so a caller can walk every row oldest first", async () => {
        const { statuses } = get();
        for (const n of [1, 2, 3, 4, 5]) await statuses.create(status(n, "u1"));
        const seen: string[] = [];
        let cursor = "";
        for (;;) {
          const page = (await statuses.byAuthor("u1", { limit: 2, minId: cursor })).map((s) => s.id).sort();
          if (page.length === 0) break;
          seen.push(...page);
          cursor = page[page.length - 1]!;
        }
        expect(seen).toEqual([1, 2, 3, 4, 5].map((n) => id("s", n)));
      });

      it("lists statuses of some visibilities across authors, newest first, paged", async () => {
        const { statuses } = get();
        await statuses.create(status(1, "u1"));
        await statuses.create(status(2, "u2", { visibility: "private" }));
        await statuses.create(status(3, "u3", { visibility: "unlisted" }));
        await statuses.create(status(4, "u2", { visibility: "local" }));
        await statuses.create(status(5, "u3"));
        const ids = async (v: Parameters<HostData["statuses"]["byVisibility"]>[0], page: Parameters<HostData["statuses"]["byVisibility"]>[1]) =>
          (await statuses.byVisibility(v, page)).map((s) => s.id);
        expect(await ids(["public"], { limit: 20 })).toEqual([id("s", 5), id("s", 1)]);
        expect(await ids(["public", "local"], { limit: 2 })).toEqual([id("s", 5), id("s", 4)]);
        expect(await ids(["public", "local"], { limit: 2, maxId: id("s", 4) })).toEqual([id("s", 1)]);
      });

      it("counts statuses per author and direct replies per status in one batch", async () => {
        const { statuses } = get();
        await statuses.create(status(1, "u1"));
        await statuses.create(status(2, "u1", { inReplyToId: id("s", 1) }));
        await statuses.create(status(3, "u2", { inReplyToId: id("s", 1) }));
        await statuses.create(status(4, "u2", { inReplyToId: id("s", 2) }));
        const byAuthor = await statuses.countByAuthor(["u1", "u2", "u3"]);
        expect([byAuthor.get("u1") ?? 0, byAuthor.get("u2") ?? 0, byAuthor.get("u3") ?? 0]).toEqual([2, 2, 0]);
        const replies = await statuses.replyCounts([id("s", 1), id("s", 2), id("s", 3)]);
        expect([replies.get(id("s", 1)) ?? 0, replies.get(id("s", 2)) ?? 0, replies.get(id("s", 3)) ?? 0]).toEqual([2, 1, 0]);
      });
    });

    describe("batches for one request (issue 16)", () => {
      it("stats: follower, following and status counts and the newest status's date per user, unknown ids absent", async () => {
        const { users, statuses, relations } = get();
        const [u1, u2] = [await users.create(user(1)), await users.create(user(2))];
        await statuses.create(status(1, u1.id, { createdAt: at(50) }));
        await statuses.create(status(2, u1.id, { createdAt: at(40) }));
        await relations.add("follow", u2.id, u1.id);
        await relations.add("follow_request", "x", u1.id);
        const stats = await users.stats([u1.id, u2.id, u1.id, "nobody"]);
        expect(stats.get(u1.id)).toEqual({ followers: 1, following: 0, statuses: 2, lastStatusAt: at(40) });
        expect(stats.get(u2.id)).toEqual({ followers: 0, following: 1, statuses: 0, lastStatusAt: null });
        expect(stats.has("nobody")).toBe(false);
        expect((await users.stats([])).size).toBe(0);
      });

      it("byHashWithUser: the token with its user, null user for app tokens, null for unknown hashes", async () => {
        const { users, tokens } = get();
        const u1 = await users.create(user(1));
        const base = { appId: "a1", scopes: ["read"], createdAt: at(1), expiresAt: null };
        await tokens.create({ ...base, id: "t1", tokenHash: "h1", userId: u1.id });
        await tokens.create({ ...base, id: "t2", tokenHash: "h2", userId: null });
        expect(await tokens.byHashWithUser("h1")).toEqual({ token: await tokens.byHash("h1"), user: u1 });
        expect(await tokens.byHashWithUser("h2")).toEqual({ token: await tokens.byHash("h2"), user: null });
        expect(await tokens.byHashWithUser("nope")).toBeNull();
      });

      it("between: relations of the asked kinds in both directions, only with the given accounts", async () => {
        const { relations } = get();
        await relations.add("follow", "a", "b");
        await relations.add("block", "c", "a");
        await relations.add("mute", "a", "c");
        await relations.add("follow", "a", "z");
        await relations.add("follow", "b", "c");
        const key = (e: { kind: string; fromId: string; toId: string }) => `${e.kind}:${e.fromId}>${e.toId}`;
        expect((await relations.between("a", ["b", "c"], ["follow", "block"])).map(key).sort()).toEqual(["block:c>a", "follow:a>b"]);
        expect((await relations.between("a", ["b", "c"], ["mute"])).map(key)).toEqual(["mute:a>c"]);
        expect(await relations.between("a", [], ["follow"])).toEqual([]);
      });
    });

    describe("relations", () => {
      it("adds idempotently, removes once, and keeps kinds apart", async () => {
        const { relations } = get();
        expect(await relations.add("follow", "a", "b")).toBe(true);
        expect(await relations.add("follow", "a", "b")).toBe(false);
        expect(await relations.add("block", "a", "b")).toBe(true);
        expect(await relations.remove("follow", "a", "b")).toBe(true);
        expect(await relations.remove("follow", "a", "b")).toBe(false);
        expect([...(await relations.among("follow", "a", ["b"]))]).toEqual([]);
        expect([...(await relations.among("block", "a", ["b"]))]).toEqual(["b"]);
      });

      it("lets exactly one of 20 parallel identical adds win", async () => {
        const { relations } = get();
        const results = await Promise.all(Array.from({ length: 20 }, () => relations.add("follow", "a", "b")));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await relations.allFrom("follow", "a")).toEqual(["b"]);
      });

      it("answers among and towards for a batch, direction-aware", async () => {
        const { relations } = get();
        await relations.add("follow", "a", "b");
        await relations.add("follow", "a", "c");
        await relations.add("follow", "d", "a");
        await relations.add("mute", "a", "d");
        expect(sorted(await relations.among("follow", "a", ["b", "c", "d", "x"]))).toEqual(["b", "c"]);
        expect(sorted(await relations.towards("follow", ["b", "c", "d"], "a"))).toEqual(["d"]);
        expect(sorted(await relations.towards("follow", ["a", "x"], "c"))).toEqual(["a"]);
        expect((await relations.among("follow", "a", [])).size).toBe(0);
        expect((await relations.towards("follow", [], "a")).size).toBe(0);
      });

      it("lists and counts everyone towards and from an account", async () => {
        const { relations } = get();
        for (const from of ["b", "c", "d"]) await relations.add("follow", from, "a");
        await relations.add("follow", "a", "b");
        await relations.add("block", "e", "a");
        expect(sorted(await relations.allTowards("follow", "a"))).toEqual(["b", "c", "d"]);
        expect(sorted(await relations.allFrom("follow", "a"))).toEqual(["b"]);
        const towards = await relations.countTowards("follow", ["a", "b", "z"]);
        expect([towards.get("a") ?? 0, towards.get("b") ?? 0, towards.get("z") ?? 0]).toEqual([3, 1, 0]);
        const from = await relations.countFrom("follow", ["a", "b", "z"]);
        expect([from.get("a") ?? 0, from.get("b") ?? 0, from.get("z") ?? 0]).toEqual([1, 1, 0]);
      });
    });

    describe("favourites", () => {
      it("adds once, removes once, and answers among and counts in a batch", async () => {
        const { favourites } = get();
        expect(await favourites.add("u1", "s1", at(1))).toBe(true);
        expect(await favourites.add("u1", "s1", at(2))).toBe(false);
        await favourites.add("u2", "s1", at(3));
        await favourites.add("u1", "s2", at(4));
        expect(sorted(await favourites.among("u1", ["s1", "s2", "s3"]))).toEqual(["s1", "s2"]);
        expect(sorted(await favourites.among("u2", ["s1", "s2"]))).toEqual(["s1"]);
        const counts = await favourites.counts(["s1", "s2", "s3"]);
        expect([counts.get("s1") ?? 0, counts.get("s2") ?? 0, counts.get("s3") ?? 0]).toEqual([2, 1, 0]);
        expect(await favourites.remove("u1", "s1")).toBe(true);
        expect(await favourites.remove("u1", "s1")).toBe(false);
        expect(sorted(await favourites.among("u1", ["s1", "s2"]))).toEqual(["s2"]);
      });

      it("lets exactly one of 20 parallel identical adds win", async () => {
        const { favourites } = get();
        const results = await Promise.all(Array.from({ length: 20 }, () => favourites.add("u1", "s1", at(1))));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await favourites.counts(["s1"])).get("s1")).toBe(1);
      });

      it("pages a user's favourites newest favourite first by favourite id", async () => {
        const { favourites } = get();
        for (const n of [1, 2, 3, 4]) await favourites.add("u1", `s${n}`, at(n));
        await favourites.add("u2", "s9", at(9));
        const all = await favourites.byUser("u1", { limit: 10 });
        expect(all.map((f) => f.statusId)).toEqual(["s4", "s3", "s2", "s1"]);
        expect(new Set(all.map((f) => f.favouriteId)).size).toBe(4);
        const second = all[1]!.favouriteId;
        expect((await favourites.byUser("u1", { limit: 10, maxId: second })).map((f) => f.statusId)).toEqual(["s2", "s1"]);
        expect((await favourites.byUser("u1", { limit: 10, sinceId: second })).map((f) => f.statusId)).toEqual(["s4"]);
        expect((await favourites.byUser("u1", { limit: 1 })).map((f) => f.statusId)).toEqual(["s4"]);
      });
    });

    describe("notifications", () => {
      it("stores a notification whole and lists a user's own, newest first, paged", async () => {
        const { notifications } = get();
        const reaction = notification(1, "u1", { type: "pleroma:emoji_reaction", statusId: "s1", emoji: "blob", emojiUrl: "https://x.example/blob.png", targetId: "t" });
        await notifications.create(reaction);
        for (const n of [2, 3, 4]) await notifications.create(notification(n, "u1"));
        await notifications.create(notification(5, "u2"));
        expect(await notifications.byId(id("n", 1))).toEqual(reaction);
        expect(await notifications.byId("missing")).toBeNull();
        const ids = async (page: Parameters<HostData["notifications"]["list"]>[1]) => (await notifications.list("u1", page)).map((n) => n.id);
        expect(await ids({ limit: 10 })).toEqual([4, 3, 2, 1].map((n) => id("n", n)));
        expect(await ids({ limit: 2, maxId: id("n", 4) })).toEqual([id("n", 3), id("n", 2)]);
        expect(await ids({ limit: 10, sinceId: id("n", 2) })).toEqual([id("n", 4), id("n", 3)]);
        expect(await ids({ limit: 1, minId: id("n", 2) })).toEqual([id("n", 3)]);
      });

      it("markSeen sets seen on the owner's row and answers null for anyone else's", async () => {
        const { notifications } = get();
        await notifications.create(notification(1, "u1"));
        expect(await notifications.markSeen("u2", id("n", 1))).toBeNull();
        expect((await notifications.byId(id("n", 1)))?.seen).toBe(false);
        expect(await notifications.markSeen("u1", "missing")).toBeNull();
        expect(await notifications.markSeen("u1", id("n", 1))).toEqual(notification(1, "u1", { seen: true }));
        expect((await notifications.byId(id("n", 1)))?.seen).toBe(true);
      });

      it("markSeenUpTo changes and returns only the owner's unseen rows up to max_id", async () => {
        const { notifications } = get();
        await notifications.create(notification(1, "u1"));
        await notifications.create(notification(2, "u1", { seen: true }));
        await notifications.create(notification(3, "u1"));
        await notifications.create(notification(4, "u2"));
        await notifications.create(notification(5, "u1"));
        const changed = await notifications.markSeenUpTo("u1", id("n", 4));
        expect(sorted(changed.map((n) => n.id))).toEqual([id("n", 1), id("n", 3)]);
        expect(changed.every((n) => n.seen && n.userId === "u1")).toBe(true);
        expect((await notifications.byId(id("n", 4)))?.seen).toBe(false);
        expect((await notifications.byId(id("n", 5)))?.seen).toBe(false);
        expect((await notifications.byId(id("n", 3)))?.seen).toBe(true);
        expect(await notifications.markSeenUpTo("u1", id("n", 4))).toEqual([]);
      });

      it("of parallel markSeenUpTo calls, each changed row is returned once", async () => {
        const { notifications } = get();
        for (let n = 1; n <= 30; n++) await notifications.create(notification(n, "u1"));
        const results = await Promise.all(Array.from({ length: 5 }, () => notifications.markSeenUpTo("u1", id("n", 30))));
        const all = results.flat().map((n) => n.id);
        expect(all).toHaveLength(30);
        expect(new Set(all).size).toBe(30);
      });
    });
  });
}
