/**
 * The host-port contract suite: what pleroma-kit relies on from a host's `HostPorts`, checked
 * against the host's own implementation. It pins the promises in the doc comments of core's
 * `ports/host/*.ts`: unknown ids answer null (never throw), visibility is the host's and is
 * enforced by `getVisible`, batches leave out what the viewer may not see, rendered entities
 * have the shapes the kit builds on (`AccountSchema`, `HostStatusSchema`), and `hiddenFor`,
 * notifications and federation behave as documented. An embedder runs it in its own test suite.
 */
import { AccountSchema, HostStatusSchema, type HostPorts } from "@pleroma-kit/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HostPortFixture, MakeHostFixture } from "./fixture.js";

/** An id no fixture has used: numeric, so hosts with integer keys parse it too. */
const UNKNOWN_ID = "987654321098765";
/** Larger than any id a test creates, in pleroma-kit's id order (longer ids sort later). */
const MAX_ID = "99999999999999999999999999";

/** Options of {@link runHostPortContract}. */
export interface HostPortContractOptions {
  /** Names the suite in the test output. */
  readonly name: string;
  /** A fresh host for each test (an in-memory database is fine). */
  readonly makeHost: MakeHostFixture;
}

/**
 * Runs the host-port contract against a host. Every test gets a fresh fixture from `makeHost`.
 *
 * @example
 * runHostPortContract({ name: "my server", makeHost: async () => myServerFixture(await openTestDb()) });
 */
export function runHostPortContract(options: HostPortContractOptions): void {
  describe(`host-port contract: ${options.name}`, () => {
    let host: HostPortFixture;
    let ports: HostPorts;
    beforeEach(async () => {
      host = await options.makeHost();
      ports = host.ports;
    });
    afterEach(async () => {
      await host.close?.();
    });

    describe("auth", () => {
      it("resolves an issued token to its user and scopes, and unknown credentials to null", async () => {
        const alice = await host.addAccount("alice");
        const token = await host.issueToken(alice, ["read", "write"]);
        const principal = await ports.auth.authenticateToken(token);
        expect(principal?.user).toMatchObject({ id: alice, nickname: "alice", isAdmin: false });
        expect(principal?.via).toBe("token");
        expect(principal?.scopes).toEqual(expect.arrayContaining(["read", "write"]));
        expect(await ports.auth.authenticateToken(`${token}x`)).toBeNull();
        expect(await ports.auth.authenticateToken("not-a-token")).toBeNull();
        // Cookie sessions and Basic are optional capabilities: checked where the host has them.
        if (ports.auth.authenticateSession) expect(await ports.auth.authenticateSession("not-a-session")).toBeNull();
        if (ports.auth.authenticateBasic) expect(await ports.auth.authenticateBasic("nobody-here", "wrong")).toBeNull();
      });
    });

    describe("accounts", () => {
      it("gets an account by id and by nickname, and answers null for unknown ones", async () => {
        const alice = await host.addAccount("alice");
        expect(await ports.accounts.get(alice)).toMatchObject({ id: alice, nickname: "alice", isLocal: true, isActive: true });
        expect(await ports.accounts.findByNickname("alice")).toMatchObject({ id: alice });
        expect(await ports.accounts.get(UNKNOWN_ID)).toBeNull();
        expect(await ports.accounts.findByNickname("nobody-here")).toBeNull();
      });

      it("keeps deactivated and unknown accounts out of activeAmong and render; get still finds them", async () => {
        const alice = await host.addAccount("alice");
        const bob = await host.addAccount("bob");
        await host.deactivate(bob);
        expect(await ports.accounts.get(bob)).toMatchObject({ id: bob, isActive: false });
        expect(await ports.accounts.activeAmong([alice, bob, UNKNOWN_ID])).toEqual(new Set([alice]));
        expect(await ports.accounts.activeAmong([])).toEqual(new Set());
        const rendered = await ports.accounts.render([alice, bob, UNKNOWN_ID], alice);
        expect([...rendered.keys()]).toEqual([alice]);
      });

      it("renders Account entities keyed by id, for a viewer and anonymously", async () => {
        const alice = await host.addAccount("alice");
        const bob = await host.addAccount("bob");
        for (const viewer of [alice, null]) {
          const rendered = await ports.accounts.render([alice, bob], viewer);
          expect(new Set(rendered.keys())).toEqual(new Set([alice, bob]));
          const entity = AccountSchema.parse(rendered.get(bob));
          expect(entity).toMatchObject({ id: bob });
        }
      });
    });

    describe("statuses", () => {
      it("shows public and unlisted statuses to everyone, with the facts the kit decides on", async () => {
        const alice = await host.addAccount("alice");
        const stranger = await host.addAccount("stranger");
        for (const visibility of ["public", "unlisted"] as const) {
          const id = await host.addStatus(alice, { visibility, text: "hello" });
          for (const viewer of [alice, stranger, null]) {
            const status = await ports.statuses.getVisible(id, viewer);
            expect(status).toMatchObject({ id, authorId: alice, visibility });
            expect(status?.createdAt).toBeInstanceOf(Date);
            expect(Array.isArray(status?.addressedTo)).toBe(true);
          }
        }
      });

      it("shows a private status to its author and followers only", async () => {
        const alice = await host.addAccount("alice");
        const follower = await host.addAccount("follower");
        const stranger = await host.addAccount("stranger");
        await host.follow(follower, alice);
        const id = await host.addStatus(alice, { visibility: "private", text: "followers only" });
        expect(await ports.statuses.getVisible(id, alice)).toMatchObject({ id, visibility: "private" });
        expect(await ports.statuses.getVisible(id, follower)).toMatchObject({ id });
        expect(await ports.statuses.getVisible(id, stranger)).toBeNull();
        expect(await ports.statuses.getVisible(id, null)).toBeNull();
      });

      it("shows a direct status to its author and the accounts it is addressed to only", async () => {
        const alice = await host.addAccount("alice");
        const bob = await host.addAccount("bob");
        const stranger = await host.addAccount("stranger");
        await host.follow(stranger, alice);
        const id = await host.addStatus(alice, { visibility: "direct", text: "just us", mentions: [bob] });
        expect(await ports.statuses.getVisible(id, bob)).toMatchObject({ id, visibility: "direct", addressedTo: expect.arrayContaining([bob]) });
        expect(await ports.statuses.getVisible(id, alice)).toMatchObject({ id });
        expect(await ports.statuses.getVisible(id, stranger)).toBeNull();
        expect(await ports.statuses.getVisible(id, null)).toBeNull();
      });

      it("answers null for an unknown status", async () => {
        const alice = await host.addAccount("alice");
        expect(await ports.statuses.getVisible(UNKNOWN_ID, alice)).toBeNull();
        expect(await ports.statuses.getVisible(UNKNOWN_ID, null)).toBeNull();
      });

      it("renders Status entities the kit can extend: HostStatusSchema, keyed by id, author embedded", async () => {
        const alice = await host.addAccount("alice");
        const a = await host.addStatus(alice, { visibility: "public", text: "one" });
        const b = await host.addStatus(alice, { visibility: "public", text: "two" });
        const rendered = await ports.statuses.render([b, a, UNKNOWN_ID], null);
        expect(new Set(rendered.keys())).toEqual(new Set([a, b]));
        const entity = HostStatusSchema.parse(rendered.get(a));
        expect(entity).toMatchObject({ id: a });
        if (entity.account) expect(entity.account.id).toBe(alice);
      });
    });

    describe("relationships", () => {
      it("hides blocked accounts always and muted ones unless includeMuted", async () => {
        const viewer = await host.addAccount("viewer");
        const blocked = await host.addAccount("blocked");
        const muted = await host.addAccount("muted");
        const other = await host.addAccount("other");
        await host.block(viewer, blocked);
        await host.mute(viewer, muted);
        const ids = [blocked, muted, other];
        expect(await ports.relationships.hiddenFor(viewer, ids, { includeMuted: false })).toEqual(new Set([blocked, muted]));
        expect(await ports.relationships.hiddenFor(viewer, ids, { includeMuted: true })).toEqual(new Set([blocked]));
        expect(await ports.relationships.hiddenFor(other, ids, { includeMuted: false })).toEqual(new Set());
        expect(await ports.relationships.hiddenFor(viewer, [], { includeMuted: false })).toEqual(new Set());
      });
    });

    describe("notifications", () => {
      it("creates a reaction notification that markReadUpTo then marks, once", async (ctx) => {
        const { markReadUpTo, markOneRead } = ports.notifications;
        if (!markReadUpTo || !markOneRead) return ctx.skip("the host does not implement markReadUpTo/markOneRead");
        const author = await host.addAccount("author");
        const reactor = await host.addAccount("reactor");
        const statusId = await host.addStatus(author, { visibility: "public", text: "react to me" });
        await ports.notifications.create({ type: "pleroma:emoji_reaction", recipientId: author, actorId: reactor, statusId, emoji: "👍" });
        const marked = await markReadUpTo(author, MAX_ID, 20);
        expect(marked).toHaveLength(1);
        expect(marked[0]).toMatchObject({ id: expect.any(String), type: "pleroma:emoji_reaction" });
        expect(await markReadUpTo(author, MAX_ID, 20)).toEqual([]);
        expect(await markOneRead(reactor, marked[0]!.id as string)).toBeNull();
        expect(await markOneRead(author, marked[0]!.id as string)).toMatchObject({ id: marked[0]!.id });
      });

      it("creates nothing when the recipient blocks the actor, or for oneself", async (ctx) => {
        const { markReadUpTo, markOneRead } = ports.notifications;
        if (!markReadUpTo || !markOneRead) return ctx.skip("the host does not implement markReadUpTo/markOneRead");
        const author = await host.addAccount("author");
        const blocked = await host.addAccount("blocked");
        await host.block(author, blocked);
        const statusId = await host.addStatus(author, { visibility: "public", text: "hi" });
        await ports.notifications.create({ type: "pleroma:emoji_reaction", recipientId: author, actorId: blocked, statusId, emoji: "👍" });
        await ports.notifications.create({ type: "pleroma:emoji_reaction", recipientId: author, actorId: author, statusId, emoji: "👍" });
        expect(await markReadUpTo(author, MAX_ID, 20)).toEqual([]);
        expect(await markOneRead(author, UNKNOWN_ID)).toBeNull();
      });
    });

    describe("federation", () => {
      it("accepts an activity without throwing", async () => {
        const alice = await host.addAccount("alice");
        await expect(ports.federation.publish({ type: "EmojiReact", actorId: alice, object: "https://x.example/o/1", to: [], cc: [] })).resolves.toBeUndefined();
      });
    });

    describe("backup source (when the host has one)", () => {
      it("knows the user's actor and lists follows as nick@domain", async () => {
        const source = ports.backupSource;
        if (!source) return;
        const alice = await host.addAccount("alice");
        const bob = await host.addAccount("bob");
        await host.follow(alice, bob);
        expect(await source.actor(UNKNOWN_ID)).toBeNull();
        expect(await source.actor(alice)).toMatchObject({ type: "Person", preferredUsername: "alice" });
        const following: string[] = [];
        for await (const page of source.relations(alice, "following", { pageSize: 1 })) following.push(...page);
        expect(following).toEqual([expect.stringMatching(/^bob@[^@]+$/)]);
      });

      it("pages the outbox oldest first, within the page size", async () => {
        const source = ports.backupSource;
        if (!source) return;
        const alice = await host.addAccount("alice");
        for (const text of ["first", "second", "third"]) await host.addStatus(alice, { visibility: "public", text });
        const pages: number[] = [];
        const contents: string[] = [];
        for await (const page of source.outbox(alice, { pageSize: 2 })) {
          pages.push(page.length);
          for (const activity of page) contents.push(String((activity.object as { content?: unknown }).content ?? ""));
        }
        expect(pages.every((n) => n <= 2)).toBe(true);
        expect(contents).toHaveLength(3);
        expect(contents.map((c) => ["first", "second", "third"].findIndex((t) => c.includes(t)))).toEqual([0, 1, 2]);
      });
    });
  });
}
