import { newUser, type HostData, type StatusRow, type TokenRow } from "../../src/index.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HostDataFactory, HostDataFixture } from "./host-data-contract.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(6, "0")}`;

const status = (n: number, authorId: string, over: Partial<StatusRow> = {}): StatusRow => ({
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
});

const token = (n: number, userId: string | null, over: Partial<TokenRow> = {}): TokenRow => ({
  id: id("t", n),
  tokenHash: `hash${n}`,
  appId: "a1",
  userId,
  scopes: ["read"],
  createdAt: at(n),
  expiresAt: null,
  ...over,
});

/**
 * The `HostData` methods pleroma-fe's pages need (account search, apps by id, a user's tokens and
 * refresh tokens, threads, the direct timeline), run by every implementation beside the main contract.
 */
export function runHostDataLookupsContract(name: string, factory: HostDataFactory): void {
  describe(`host data lookups contract: ${name}`, () => {
    let fixture: HostDataFixture | null = null;
    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await fixture?.close?.();
      fixture = null;
    });
    const get = (): HostData => fixture!.data;

    it("searches active accounts by nickname or display-name prefix, case-insensitively, with LIKE wildcards literal", async () => {
      const { users } = get();
      await users.create(newUser({ id: id("u", 1), nickname: "alice", displayName: "Alice" }));
      await users.create(newUser({ id: id("u", 2), nickname: "al_ex", displayName: "Zed" }));
      await users.create(newUser({ id: id("u", 3), nickname: "bob", displayName: "Alfred" }));
      await users.create(newUser({ id: id("u", 4), nickname: "alan", displayName: "Alan", isActive: false }));
      await users.create(newUser({ id: id("u", 5), nickname: "alxx", displayName: "x" }));
      const nicks = async (q: string, limit = 10) => (await users.search(q, limit)).map((u) => u.nickname);
      expect(await nicks("AL")).toEqual(["al_ex", "alice", "alxx", "bob"]);
      expect(await nicks("al_")).toEqual(["al_ex"]);
      expect(await nicks("al%")).toEqual([]);
      expect(await nicks("al", 2)).toEqual(["al_ex", "alice"]);
      expect(await nicks("zz")).toEqual([]);
    });

    it("reads apps by id", async () => {
      const { apps } = get();
      const app = { id: "a1", clientId: "c1", clientSecret: "s", name: "fe", website: null, redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: ["read"], createdAt: at(1) };
      await apps.create(app);
      expect(await apps.byIds(["a1", "nope"])).toEqual([app]);
      expect(await apps.byIds([])).toEqual([]);
    });

    it("lists a user's tokens newest first, revokes one by id for its owner only, and finds one by refresh hash", async () => {
      const { tokens } = get();
      await tokens.create(token(1, "u1", { refreshHash: "r1" }));
      await tokens.create(token(2, "u1"));
      await tokens.create(token(3, "u2"));
      expect((await tokens.byUser("u1")).map((t) => t.id)).toEqual([id("t", 2), id("t", 1)]);
      expect((await tokens.byRefreshHash("r1"))?.id).toBe(id("t", 1));
      expect(await tokens.byRefreshHash("nope")).toBeNull();
      expect(await tokens.revokeById("u2", id("t", 1))).toBe(false);
      expect(await tokens.revokeById("u1", id("t", 1))).toBe(true);
      expect(await tokens.byHash("hash1")).toBeNull();
      expect(await tokens.byRefreshHash("r1")).toBeNull();
      expect(await tokens.byHash("hash3")).not.toBeNull();
    });

    it("reads a thread oldest first and pages the direct statuses a user wrote or is addressed by", async () => {
      const { statuses } = get();
      await statuses.create(status(1, "u1", { visibility: "direct", mentionIds: ["u2"] }));
      await statuses.create(status(2, "u2", { visibility: "direct", mentionIds: ["u1"], inReplyToId: id("s", 1), contextId: id("s", 1) }));
      await statuses.create(status(3, "u3", { visibility: "direct", mentionIds: ["u20"] }));
      await statuses.create(status(4, "u2", { inReplyToId: id("s", 1), contextId: id("s", 1) }));
      await statuses.create(status(5, "u2", { mentionIds: ["u1"] }));
      expect((await statuses.byContext(id("s", 1))).map((s) => s.id)).toEqual([id("s", 1), id("s", 2), id("s", 4)]);
      const direct = async (userId: string, page = { limit: 20 } as Parameters<HostData["statuses"]["directFor"]>[1]) =>
        (await statuses.directFor(userId, page)).map((s) => s.id);
      expect(await direct("u1")).toEqual([id("s", 2), id("s", 1)]);
      expect(await direct("u2")).toEqual([id("s", 2), id("s", 1)]);
      expect(await direct("u2", { limit: 1, maxId: id("s", 2) })).toEqual([id("s", 1)]);
      // "u2" is not "u20": membership is by the whole id.
      expect(await direct("u20")).toEqual([id("s", 3)]);
    });

    it("keeps the Pleroma profile settings of a user", async () => {
      const { users } = get();
      await users.create(newUser({ id: id("u", 1), nickname: "alice" }));
      const profile = { hideFollowers: true, fields: [{ name: "web", value: "x" }], settingsStore: { "pleroma-fe": { a: 1 } } };
      await users.update(id("u", 1), { profile });
      expect((await users.byId(id("u", 1)))?.profile).toEqual(profile);
    });
  });
}
