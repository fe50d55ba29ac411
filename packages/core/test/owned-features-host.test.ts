/**
 * Issue 13's done-test: a host that owns reactions, the custom emoji catalog and MFA storage
 * itself, has no admin:* scopes and no password grant, and still gets the seed areas through the
 * kit. `hostDb` stands in for the host's own tables (any object passing the domain contracts).
 */
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { createPleromaKit, silentLogger, type AuthorizationPolicy, type CustomEmoji, type EmojiCatalog, type HostPorts } from "../src/index.js";
import { fakeHost } from "./support/fake-host.js";

const singleUser: AuthorizationPolicy = {
  roles: (principal) => ({ isAdmin: principal.user !== null, isModerator: false }),
  allowScopes: ({ required, principal, byDefault }) => byDefault || (principal.user !== null && required.every((s) => s.startsWith("admin"))),
};

function ownedFeaturesHost() {
  const fake = fakeHost();
  fake.addStatus({ id: "s1", authorId: "u2" });
  // The host's own tables: reactions, MFA secrets and the emoji catalog live here, not in the kit's store.
  const hostDb = createMemoryStore();
  const emojiTable = new Map<string, CustomEmoji>([["blobcat", { shortcode: "blobcat", path: "/emoji/blobcat.png", tags: [] }]]);
  const emoji: EmojiCatalog = {
    list: async () => [...emojiTable.values()],
    get: async (shortcode) => emojiTable.get(shortcode) ?? null,
  };
  // No password grant, no Basic, no cookies: only bearer tokens without admin scopes; MFA needs only a password check.
  const host: HostPorts = {
    ...fake.ports,
    auth: { authenticateToken: fake.ports.auth.authenticateToken },
    accountSecurity: { checkPassword: async (userId, password) => userId === "u1" && password === "secret" },
  };
  const infos: string[] = [];
  const kit = createPleromaKit({
    baseUrl: "https://local.example",
    store: { ...createMemoryStore(), reactions: hostDb.reactions, mfa: hostDb.mfa },
    host,
    emoji,
    authorization: singleUser,
    logger: { ...silentLogger, info: (message) => void infos.push(message) },
  });
  const call = async (method: string, path: string, body?: unknown, token = "u1-token") => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await kit.fetch(new Request(`http://internal${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
    if (!res) return { status: 0, body: null as any };
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as any) : null };
  };
  return { kit, call, hostDb, emojiTable, fake, infos };
}

describe("a host that owns reactions, emoji and MFA storage", () => {
  it("reacts through the kit into the host's own reaction table, with custom emoji from the host's catalog", async () => {
    const t = ownedFeaturesHost();
    expect((await t.call("PUT", "/api/v1/pleroma/statuses/s1/reactions/%F0%9F%91%8D")).status).toBe(200);
    expect((await t.call("PUT", "/api/v1/pleroma/statuses/s1/reactions/blobcat")).status).toBe(200);
    const groups = (await t.hostDb.reactions.groupsFor(["s1"])).get("s1");
    expect(groups?.map((g) => g.name)).toEqual(["👍", "blobcat"]);
    const list = await t.call("GET", "/api/v1/pleroma/statuses/s1/reactions");
    expect(list.body.map((r: any) => [r.name, r.count, r.me])).toEqual([["👍", 1, true], ["blobcat", 1, true]]);
    // The author is notified through the host's port (a kit service that still applies).
    expect(t.fake.notifications.map((n) => n.type)).toEqual(["pleroma:emoji_reaction", "pleroma:emoji_reaction"]);
  });

  it("shows an emoji the host adds at once", async () => {
    const t = ownedFeaturesHost();
    t.emojiTable.set("party", { shortcode: "party", path: "/emoji/party.png", tags: ["fun"] });
    const map = await t.call("GET", "/api/pleroma/emoji");
    expect(Object.keys(map.body).sort()).toEqual(["blobcat", "party"]);
    expect(map.body.party.image_url).toBe("/emoji/party.png");
  });

  it("enables MFA into the host's MFA table and checks it from the host's own login", async () => {
    const t = ownedFeaturesHost();
    const setup = await t.call("GET", "/api/pleroma/accounts/mfa/setup/totp");
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.body.key), digits: 6, period: 30 });
    const confirm = await t.call("POST", "/api/pleroma/accounts/mfa/confirm/totp", { password: "secret", code: totp.generate() });
    expect(confirm).toEqual({ status: 200, body: {} });
    expect((await t.hostDb.mfa.get("u1"))?.confirmedSecret).toBe(setup.body.key);
    // The host's login (no password grant) asks the kit.
    expect(await t.kit.secondFactor.isEnabled("u1")).toBe(true);
    const challenge = await t.kit.secondFactor.start("u1", { next: "/" });
    expect(await t.kit.secondFactor.finish(challenge!.mfaToken, { type: "totp", code: "000000" })).toEqual({ verdict: "invalid" });
    // Pack admin with a bearer token and no admin:* scopes, while MFA is on.
    expect(await t.call("POST", "/api/v1/pleroma/emoji/pack?name=mine")).toEqual({ status: 200, body: "ok" });
  });

  it("serves the other seed areas and reports what is off", async () => {
    const t = ownedFeaturesHost();
    t.fake.addNotification("n1", "u1");
    expect((await t.call("POST", "/api/v1/pleroma/notifications/read", { id: "n1" })).status).toBe(200);
    expect((await t.call("POST", "/api/v1/pleroma/scrobble", { title: "Song", artist: "Band" })).status).toBe(200);
    expect((await t.call("GET", "/api/v1/pleroma/accounts/u1/scrobbles")).body).toHaveLength(1);
    expect((await t.call("GET", "/api/v1/pleroma/conversations/1")).status).toBe(404);
    const off = t.kit.endpoints().filter((e) => e.status === "not-implemented").map((e) => e.name);
    expect(off).toContain("accountSecurity.deleteAccount");
    expect(off).toContain("mfa.challenge");
    expect(off).not.toContain("mfa.confirm");
    expect(t.infos[0]).toContain("mfa.challenge: host lacks host.accountSecurity.issueLoginToken");
  });
});
