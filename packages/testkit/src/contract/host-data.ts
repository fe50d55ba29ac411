import type { HostData, NewUser, NotificationRow, StatusRow } from "@pleroma-kit/reference-host";
import { UniqueViolation } from "@pleroma-kit/reference-host";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/** What a HostData implementation under test provides. A fresh, empty data set per call. */
export interface HostDataFixture {
  readonly data: HostData;
  /** Releases connections; called after each test. */
  close?(): Promise<void>;
}

export type HostDataFactory = () => Promise<HostDataFixture>;

/** A fixed-width sortable id, so string order is numeric order (as `flakeIds` guarantees). */
const id = (n: number) => String(n).padStart(6, "0");

function newUser(n: number, overrides: Partial<NewUser> = {}): NewUser {
  return {
    id: id(n),
    nickname: `user${n}`,
    email: `user${n}@example.com`,
    passwordHash: "$scrypt$x",
    displayName: `User ${n}`,
    note: "",
    isAdmin: false,
    isModerator: false,
    isActive: true,
    isConfirmed: true,
    isLocked: false,
    domain: null,
    avatarUrl: null,
    headerUrl: null,
    hideFavorites: false,
    allowFollowingMove: true,
    createdAt: new Date(1_700_000_000_000 + n),
    ...overrides,
  };
}

function newStatus(n: number, authorId: string, overrides: Partial<StatusRow> = {}): StatusRow {
  return {
    id: id(n),
    authorId,
    content: `post ${n}`,
    spoilerText: "",
    visibility: "public",
    inReplyToId: null,
    contextId: id(n),
    mentionIds: [],
    sensitive: false,
    createdAt: new Date(1_700_000_000_000 + n),
    ...overrides,
  };
}

function newNotification(n: number, userId: string, overrides: Partial<NotificationRow> = {}): NotificationRow {
  return {
    id: id(n),
    userId,
    type: "mention",
    actorId: "actor",
    statusId: null,
    emoji: null,
    emojiUrl: null,
    targetId: null,
    seen: false,
    createdAt: new Date(1_700_000_000_000 + n),
    ...overrides,
  };
}

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

/**
 * The reference host's storage contract: every HostData implementation (memory, SQLite,
 * PostgreSQL) runs it, so the reference host behaves the same on each. Pins case-insensitive
 * uniqueness, Mastodon paging (`max_id`/`since_id`/`min_id`) and idempotent relations.
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
    const data = () => fixture!.data;

    describe("users", () => {
      it("creates, finds by id, nickname and email case-insensitively", async () => {
        const created = await data().users.create(newUser(1, { nickname: "Alice", email: "Alice@Example.com" }));
        expect(created.nickname).toBe("Alice");
        expect((await data().users.byId(id(1)))?.nickname).toBe("Alice");
        expect((await data().users.byNickname("aLiCe"))?.id).toBe(id(1));
        expect((await data().users.byEmail("alice@example.COM"))?.id).toBe(id(1));
        expect(await data().users.byNickname("bob")).toBeNull();
        expect(await data().users.byEmail("bob@example.com")).toBeNull();
        expect(await data().users.byId(id(2))).toBeNull();
      });

      it("keeps every field it was given", async () => {
        const user = newUser(1, { isAdmin: true, isLocked: true, note: "hi", avatarUrl: "https://a.example/a.png" });
        await data().users.create(user);
        expect(await data().users.byId(id(1))).toEqual(user);
      });

      it("refuses a taken nickname or email whatever their case, with UniqueViolation", async () => {
        await data().users.create(newUser(1, { nickname: "alice", email: "a@example.com" }));
        await expect(data().users.create(newUser(2, { nickname: "ALICE" }))).rejects.toBeInstanceOf(UniqueViolation);
        await expect(data().users.create(newUser(3, { email: "A@EXAMPLE.com" }))).rejects.toBeInstanceOf(UniqueViolation);
        expect(await data().users.count()).toBe(1);
      });

      it("lets many users without email exist", async () => {
        await data().users.create(newUser(1, { email: null }));
        await data().users.create(newUser(2, { email: null }));
        expect(await data().users.count()).toBe(2);
      });

      it("of parallel registrations of one nickname exactly one succeeds", async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => data().users.create(newUser(i + 1, { nickname: "same" }))),
        );
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(results.filter((r) => r.status === "rejected" && r.reason instanceof UniqueViolation)).toHaveLength(9);
      });

      it("finds remote accounts by nick@domain", async () => {
        await data().users.create(newUser(1, { nickname: "alice" }));
        await data().users.create(newUser(2, { nickname: "alice@remote.example", domain: "remote.example", email: null }));
        expect((await data().users.byNickname("alice"))?.id).toBe(id(1));
        expect((await data().users.byNickname("Alice@Remote.example"))?.id).toBe(id(2));
      });

      it("updates fields, returns the new row, and keeps uniqueness on email changes", async () => {
        await data().users.create(newUser(1));
        await data().users.create(newUser(2));
        const updated = await data().users.update(id(1), { displayName: "New", isActive: false, email: "new@example.com" });
        expect(updated).toMatchObject({ displayName: "New", isActive: false, email: "new@example.com" });
        expect((await data().users.byEmail("new@example.com"))?.id).toBe(id(1));
        expect(await data().users.byEmail("user1@example.com")).toBeNull();
        await expect(data().users.update(id(2), { email: "NEW@example.com" })).rejects.toBeInstanceOf(UniqueViolation);
        expect(await data().users.update(id(9), { note: "x" })).toBeNull();
      });

      it("byIds returns the known ones", async () => {
        await data().users.create(newUser(1));
        await data().users.create(newUser(2));
        const rows = await data().users.byIds([id(2), id(9), id(1)]);
        expect(ids(rows).sort()).toEqual([id(1), id(2)]);
      });
    });

    describe("apps and tokens", () => {
      it("stores apps by client id", async () => {
        const app = { id: "a1", clientId: "cid", clientSecret: "sec", name: "App", website: null, redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: ["read"], createdAt: new Date(0) };
        await data().apps.create(app);
        expect(await data().apps.byClientId("cid")).toEqual(app);
        expect(await data().apps.byClientId("other")).toBeNull();
      });

      it("finds tokens by hash, revokes one or all of a user's", async () => {
        const token = (n: number, userId: string | null) => ({
          id: `t${n}`, tokenHash: `h${n}`, appId: "a1", userId, scopes: ["read"], createdAt: new Date(0), expiresAt: null,
        });
        await data().tokens.create(token(1, "u1"));
        await data().tokens.create(token(2, "u1"));
        await data().tokens.create(token(3, "u2"));
        await data().tokens.create(token(4, null));
        expect(await data().tokens.byHash("h1")).toEqual(token(1, "u1"));
        expect(await data().tokens.byHash("h4")).toMatchObject({ userId: null });
        expect(await data().tokens.revoke("h3")).toBe(true);
        expect(await data().tokens.revoke("h3")).toBe(false);
        expect(await data().tokens.byHash("h3")).toBeNull();
        await data().tokens.revokeForUser("u1");
        expect(await data().tokens.byHash("h1")).toBeNull();
        expect(await data().tokens.byHash("h2")).toBeNull();
        expect(await data().tokens.byHash("h4")).not.toBeNull();
      });
    });

    describe("statuses", () => {
      async function seed(count: number, authorId = "u1") {
        for (let n = 1; n <= count; n++) await data().statuses.create(newStatus(n, authorId));
      }

      it("creates, reads and deletes", async () => {
        const s = newStatus(1, "u1", { visibility: "direct", mentionIds: ["u2", "u3"], spoilerText: "cw", sensitive: true, inReplyToId: "x", contextId: "ctx" });
        await data().statuses.create(s);
        expect(await data().statuses.byId(id(1))).toEqual(s);
        expect(ids(await data().statuses.byIds([id(1), id(2)]))).toEqual([id(1)]);
        expect(await data().statuses.delete(id(1))).toBe(true);
        expect(await data().statuses.delete(id(1))).toBe(false);
        expect(await data().statuses.byId(id(1))).toBeNull();
      });

      it("pages newest first with limit, max_id and since_id", async () => {
        await seed(10);
        const page = (q: object) => data().statuses.byAuthor("u1", { limit: 3, ...q }).then(ids);
        expect(await page({})).toEqual([id(10), id(9), id(8)]);
        expect(await page({ maxId: id(8) })).toEqual([id(7), id(6), id(5)]);
        expect(await page({ sinceId: id(8) })).toEqual([id(10), id(9)]);
        expect(await page({ sinceId: id(2) })).toEqual([id(10), id(9), id(8)]);
        expect(await page({ maxId: id(7), sinceId: id(4) })).toEqual([id(6), id(5)]);
      });

      it("with min_id answers the page just above it, newest first", async () => {
        await seed(10);
        const page = (q: object) => data().statuses.byAuthor("u1", { limit: 3, ...q }).then(ids);
        expect(await page({ minId: id(2) })).toEqual([id(5), id(4), id(3)]);
        expect(await page({ minId: id(8) })).toEqual([id(10), id(9)]);
        expect(await page({ minId: id(2), maxId: id(4) })).toEqual([id(3)]);
      });

      it("lists only the author's statuses and counts them", async () => {
        await data().statuses.create(newStatus(1, "u1"));
        await data().statuses.create(newStatus(2, "u2"));
        await data().statuses.create(newStatus(3, "u1"));
        expect(ids(await data().statuses.byAuthor("u1", { limit: 20 }))).toEqual([id(3), id(1)]);
        const counts = await data().statuses.countByAuthor(["u1", "u2", "u3"]);
        expect(counts.get("u1")).toBe(2);
        expect(counts.get("u2")).toBe(1);
        expect(counts.get("u3") ?? 0).toBe(0);
      });

      it("counts direct replies", async () => {
        await data().statuses.create(newStatus(1, "u1"));
        await data().statuses.create(newStatus(2, "u2", { inReplyToId: id(1), contextId: id(1) }));
        await data().statuses.create(newStatus(3, "u3", { inReplyToId: id(1), contextId: id(1) }));
        await data().statuses.create(newStatus(4, "u1", { inReplyToId: id(2), contextId: id(1) }));
        const counts = await data().statuses.replyCounts([id(1), id(2), id(4)]);
        expect(counts.get(id(1))).toBe(2);
        expect(counts.get(id(2))).toBe(1);
        expect(counts.get(id(4)) ?? 0).toBe(0);
      });

      it("lists by visibility across authors, paged", async () => {
        await data().statuses.create(newStatus(1, "u1"));
        await data().statuses.create(newStatus(2, "u2", { visibility: "private" }));
        await data().statuses.create(newStatus(3, "u3", { visibility: "unlisted" }));
        await data().statuses.create(newStatus(4, "u2", { visibility: "local" }));
        await data().statuses.create(newStatus(5, "u3"));
        expect(ids(await data().statuses.byVisibility(["public"], { limit: 20 }))).toEqual([id(5), id(1)]);
        expect(ids(await data().statuses.byVisibility(["public", "local"], { limit: 2 }))).toEqual([id(5), id(4)]);
        expect(ids(await data().statuses.byVisibility(["public", "local"], { limit: 2, maxId: id(4) }))).toEqual([id(1)]);
      });
    });

    describe("relations", () => {
      it("adds idempotently and answers who relates to whom, per kind", async () => {
        const r = data().relations;
        expect(await r.add("follow", "a", "b")).toBe(true);
        expect(await r.add("follow", "a", "b")).toBe(false);
        await r.add("follow", "c", "b");
        await r.add("follow", "a", "c");
        await r.add("block", "b", "a");
        expect([...(await r.among("follow", "a", ["b", "c", "d"]))].sort()).toEqual(["b", "c"]);
        expect([...(await r.towards("follow", ["a", "c", "d"], "b"))].sort()).toEqual(["a", "c"]);
        expect((await r.allTowards("follow", "b")).sort()).toEqual(["a", "c"]);
        expect((await r.allFrom("follow", "a")).sort()).toEqual(["b", "c"]);
        expect([...(await r.among("block", "a", ["b"]))]).toEqual([]);
        expect([...(await r.among("block", "b", ["a"]))]).toEqual(["a"]);
        const towards = await r.countTowards("follow", ["b", "c", "z"]);
        expect([towards.get("b"), towards.get("c"), towards.get("z") ?? 0]).toEqual([2, 1, 0]);
        const from = await r.countFrom("follow", ["a", "c", "z"]);
        expect([from.get("a"), from.get("c"), from.get("z") ?? 0]).toEqual([2, 1, 0]);
      });

      it("removes once", async () => {
        const r = data().relations;
        await r.add("mute", "a", "b");
        expect(await r.remove("mute", "a", "b")).toBe(true);
        expect(await r.remove("mute", "a", "b")).toBe(false);
        expect([...(await r.among("mute", "a", ["b"]))]).toEqual([]);
        expect(await r.allTowards("mute", "b")).toEqual([]);
      });

      it("of parallel identical adds exactly one returns true", async () => {
        const results = await Promise.all(Array.from({ length: 10 }, () => data().relations.add("follow", "a", "b")));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await data().relations.countTowards("follow", ["b"])).get("b")).toBe(1);
      });
    });

    describe("favourites", () => {
      it("adds once, counts, answers the user's, and removes", async () => {
        const f = data().favourites;
        expect(await f.add("u1", "s1", new Date(1000))).toBe(true);
        expect(await f.add("u1", "s1", new Date(2000))).toBe(false);
        await f.add("u2", "s1", new Date(3000));
        await f.add("u1", "s2", new Date(4000));
        expect([...(await f.among("u1", ["s1", "s2", "s3"]))].sort()).toEqual(["s1", "s2"]);
        const counts = await f.counts(["s1", "s2", "s3"]);
        expect([counts.get("s1"), counts.get("s2"), counts.get("s3") ?? 0]).toEqual([2, 1, 0]);
        expect(await f.remove("u1", "s1")).toBe(true);
        expect(await f.remove("u1", "s1")).toBe(false);
        expect((await f.counts(["s1"])).get("s1")).toBe(1);
      });

      it("lists a user's favourites newest favourite first, paged by favourite id", async () => {
        const f = data().favourites;
        await f.add("u1", "s3", new Date(1000));
        await f.add("u1", "s1", new Date(2000));
        await f.add("u2", "s1", new Date(2500));
        await f.add("u1", "s2", new Date(3000));
        const first = await f.byUser("u1", { limit: 2 });
        expect(first.map((x) => x.statusId)).toEqual(["s2", "s1"]);
        const next = await f.byUser("u1", { limit: 2, maxId: first[1]!.favouriteId });
        expect(next.map((x) => x.statusId)).toEqual(["s3"]);
        const newer = await f.byUser("u1", { limit: 2, minId: next[0]!.favouriteId });
        expect(newer.map((x) => x.statusId)).toEqual(["s2", "s1"]);
      });
    });

    describe("notifications", () => {
      it("lists a user's notifications newest first, paged", async () => {
        const n = data().notifications;
        for (let i = 1; i <= 5; i++) await n.create(newNotification(i, i === 3 ? "other" : "u1"));
        expect(ids(await n.list("u1", { limit: 20 }))).toEqual([id(5), id(4), id(2), id(1)]);
        expect(ids(await n.list("u1", { limit: 2, maxId: id(4) }))).toEqual([id(2), id(1)]);
        expect(ids(await n.list("u1", { limit: 1, minId: id(1) }))).toEqual([id(2)]);
        expect(await n.byId(id(3))).toMatchObject({ userId: "other", seen: false });
      });

      it("marks one seen only for its owner", async () => {
        const n = data().notifications;
        await n.create(newNotification(1, "u1"));
        expect(await n.markSeen("u2", id(1))).toBeNull();
        expect((await n.byId(id(1)))?.seen).toBe(false);
        expect(await n.markSeen("u1", id(1))).toMatchObject({ id: id(1), seen: true });
        expect((await n.byId(id(1)))?.seen).toBe(true);
        expect(await n.markSeen("u1", id(9))).toBeNull();
      });

      it("marks every unseen one up to max_id and returns only those it changed", async () => {
        const n = data().notifications;
        await n.create(newNotification(1, "u1"));
        await n.create(newNotification(2, "u1", { seen: true }));
        await n.create(newNotification(3, "u1"));
        await n.create(newNotification(4, "u2"));
        await n.create(newNotification(5, "u1"));
        const changed = await n.markSeenUpTo("u1", id(4));
        expect(ids(changed).sort()).toEqual([id(1), id(3)]);
        expect(changed.every((r) => r.seen)).toBe(true);
        expect((await n.byId(id(4)))?.seen).toBe(false);
        expect((await n.byId(id(5)))?.seen).toBe(false);
        expect(await n.markSeenUpTo("u1", id(4))).toEqual([]);
      });
    });
  });
}
