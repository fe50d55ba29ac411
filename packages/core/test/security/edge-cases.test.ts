/**
 * Follow-up cases from the mutation run: boundaries and branches the first round left unasserted.
 */
import { describe, expect, it } from "vitest";
import { readZipDirectory, UnsafeArchiveError } from "../../src/archives/zip-reader.js";
import { forgeZip, noise } from "./zip-builder.js";
import { answer, enableTotp, otp, securityKit, startLogin } from "../support/security-host.js";
import { testKit } from "../support/kit.js";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { readBody, type BodySource } from "../../src/http/read-body.js";

const limits = { maxEntries: 10, maxTotalBytes: 1_000_000, maxEntryBytes: 500_000 };
const text = (s: string) => new TextEncoder().encode(s);
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeArchiveError);
    return (error as UnsafeArchiveError).reason;
  }
  throw new Error("expected an UnsafeArchiveError");
}

describe("zip reader: the end record search", () => {
  it("reads an archive with no entries (the end record at offset 0)", () => {
    expect(readZipDirectory(forgeZip({ entries: [] }), limits)).toEqual([]);
  });

  it("looks for the end record only in the last 64 KiB + 22 bytes", () => {
    const zip = forgeZip({ entries: [{ name: "a.png", data: text("x") }] });
    const trailing = new Uint8Array(zip.byteLength + 70_000);
    trailing.set(zip);
    trailing.set(noise(70_000, 3), zip.byteLength);
    expect(refusal(() => readZipDirectory(trailing, limits))).toBe("not a ZIP archive");
  });

  it("refuses an end record whose disk entry count differs from the total", () => {
    const zip = Buffer.from(forgeZip({ entries: [{ name: "a.png", data: text("x") }] }));
    zip.writeUInt16LE(0, zip.byteLength - 22 + 8);
    expect(refusal(() => readZipDirectory(new Uint8Array(zip), limits))).toBe("multi-disk archives are not supported");
  });

  it("treats the DOS directory bit as a directory only in non-unix archives", () => {
    const zip = forgeZip({ entries: [{ name: "f.png", data: text("x"), madeBy: 3, external: ((0o100644 << 16) | 0x10) >>> 0 }] });
    expect(readZipDirectory(zip, limits).map((e) => e.name)).toEqual(["f.png"]);
  });
});

describe("second factor: what does not count as an attempt", () => {
  it("an empty code is refused without counting against the limit", async () => {
    const t = securityKit({ security: { secondFactorAttempts: { limit: 1, windowSeconds: 600 } } });
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const tok = await startLogin(t, "u1");
    for (let i = 0; i < 3; i++) expect(await answer(t, tok, "totp", "")).toMatchObject({ status: 400 });
    expect(await answer(t, tok, "totp", otp(secret, t.now()))).toMatchObject({ status: 200 });
  });

  it("an empty or missing password is refused without asking the host or counting", async () => {
    const t = securityKit({ security: { passwordAttempts: { limit: 1, windowSeconds: 600 } } });
    for (const body of [{ password: "" }, {}, { password: 5 }]) {
      expect(await t.call("DELETE", "/api/pleroma/accounts/mfa/totp", { token: "user:u1", body })).toMatchObject({ status: 422 });
    }
    expect(t.passwordChecks).toEqual([]);
    expect(await t.call("DELETE", "/api/pleroma/accounts/mfa/totp", { token: "user:u1", body: { password: "secret" } })).toMatchObject({ status: 200 });
  });
});

describe("second factor: unknown challenge types and a host without the account-security port", () => {
  it("an unknown challenge type is refused without counting an attempt", async () => {
    const t = securityKit({ security: { secondFactorAttempts: { limit: 1, windowSeconds: 600 } } });
    const secret = await enableTotp(t, "u1", "secret");
    t.advance(30);
    const tok = await startLogin(t, "u1");
    for (let i = 0; i < 3; i++) expect(await answer(t, tok, "sms", "whatever")).toMatchObject({ status: 400, body: { error: "Invalid code" } });
    expect(await answer(t, tok, "totp", otp(secret, t.now()))).toMatchObject({ status: 200 });
  });

  it("answers 404 Not implemented when the host has no account-security port, for the challenge and password checks", async () => {
    const t = testKit();
    const unavailable = { status: 404, body: { error: "Not implemented" } };
    const challenge = { mfa_token: "x", challenge_type: "totp", code: "123456", client_id: "app", client_secret: "s" };
    expect(await t.call("POST", "/oauth/mfa/challenge", { body: challenge })).toMatchObject(unavailable);
    expect(await t.call("DELETE", "/api/pleroma/accounts/mfa/totp", { token: "u1-token", body: { password: "x" } })).toMatchObject(unavailable);
  });
});

describe("Basic login attempts on unknown logins", () => {
  it("count per login, case-insensitively, apart from other logins", async () => {
    const t = securityKit({ security: { passwordAttempts: { limit: 2, windowSeconds: 600 } } });
    const get = (login: string, password = "x") => t.call("GET", "/api/pleroma/accounts/mfa", { basic: [login, password] });
    expect(await get("ghost")).toMatchObject({ status: 403 });
    expect(await get("GHOST")).toMatchObject({ status: 403 });
    expect(await get("Ghost")).toMatchObject({ status: 429 });
    expect(await get("phantom")).toMatchObject({ status: 403 });
    expect(await get("alice", "secret")).toMatchObject({ status: 200 });
  });
});

describe("readBody: host parsers and stream failures", () => {
  const stream = (text: string | null): BodySource["body"] =>
    text === null
      ? null
      : new ReadableStream<Uint8Array>({
          start(c) {
            if (text !== "") c.enqueue(new TextEncoder().encode(text));
            c.close();
          },
        });
  const src = (type: string, text: string | null): BodySource => ({ headers: new Headers(type ? { "content-type": type } : {}), body: stream(text) });

  it("uses a host-parsed plain object, spreading bracket lists, and ignores other parsed values", async () => {
    const parsed = { "a[]": ["1", "2"], b: ["x"], c: "y" };
    expect((await readBody(src("application/x-www-form-urlencoded", null), 100, { parsedBody: parsed }))._unsafeUnwrap()).toEqual({
      a: ["1", "2"],
      b: ["x"],
      c: "y",
    });
    const bare = Object.assign(Object.create(null) as object, { n: 1 });
    expect((await readBody(src("application/json", null), 100, { parsedBody: bare }))._unsafeUnwrap()).toEqual({ n: 1 });
    // not plain objects: the stream is read instead
    for (const odd of [["x"], new Uint8Array([1]), new (class Thing { t = 1; })(), "text", null]) {
      expect((await readBody(src("application/json", '{"s":1}'), 100, { parsedBody: odd }))._unsafeUnwrap()).toEqual({ s: 1 });
    }
  });

  it("reads multipart from the stream even when a host parsed something, and refuses a consumed stream", async () => {
    const form = new FormData();
    form.set("f", "v");
    const req = new Request("http://h/", { method: "POST", body: form });
    const type = req.headers.get("content-type")!;
    const body = await req.text();
    expect((await readBody(src(type, body), 1000, { parsedBody: { other: 1 } }))._unsafeUnwrap()).toEqual({ f: "v" });
    expect((await readBody(src(type, null), 1000, { parsedBody: { other: 1 }, bodyConsumed: true }))._unsafeUnwrapErr().code).toBe("BODY_ALREADY_CONSUMED");
    expect((await readBody(src("application/json", null), 1000, { bodyConsumed: true }))._unsafeUnwrapErr().code).toBe("BODY_ALREADY_CONSUMED");
    expect((await readBody(src("application/json", null), 1000, { parsedBody: "unparsed", bodyConsumed: true }))._unsafeUnwrap()).toEqual({});
    expect((await readBody(src(type, ""), 1000))._unsafeUnwrap()).toEqual({});
    expect((await readBody(src("multipart/form-data; boundary=zzz", "garbage"), 1000))._unsafeUnwrapErr().code).toBe("MALFORMED_BODY");
  });

  it("normalises the content type: parameters, spaces and case", async () => {
    for (const type of ["application/json; charset=utf-8", "Application/JSON", " application/json ; charset=utf-8"]) {
      expect((await readBody(src(type, '{"a":1}'), 100))._unsafeUnwrap(), type).toEqual({ a: 1 });
    }
    expect((await readBody(src("text/plain", "a"), 100))._unsafeUnwrapErr().code).toBe("UNSUPPORTED_CONTENT_TYPE");
  });

  it("answers MALFORMED_BODY when the client's stream fails mid-body", async () => {
    const failing: BodySource = {
      headers: new Headers({ "content-type": "application/json" }),
      body: new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode("{"));
          c.error(new Error("socket hang up"));
        },
      }),
    };
    const r = await readBody(failing, 100);
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "MALFORMED_BODY", message: "Request body could not be read." });
  });
});

describe("reactions: removing custom emoji", () => {
  it("removes the viewer's own remote emoji by shortcode@host, and a local one by shortcode", async () => {
    const store = createMemoryStore();
    const t = testKit({ store });
    t.host.addStatus({ id: "s1", authorId: "u9" });
    for (const [user, url] of [["u1", "https://remote.example/emoji/wow.png"], ["u1", "https://local.example/emoji/wow.png"], ["u2", "https://other.example/wow.png"]] as const) {
      await store.reactions.add({ statusId: "s1", userId: user, name: "wow", url, createdAt: new Date(0) });
    }
    const names = async () => ((await t.kit.services.reactions.statusMaps(["s1"], "u1"))._unsafeUnwrap().get("s1") ?? []).map((e) => [e.name, e.me]);
    expect(await names()).toEqual([["wow@remote.example", true], ["wow", true], ["wow@other.example", false]]);
    expect((await t.call("DELETE", "/api/v1/pleroma/statuses/s1/reactions/wow", { token: "u1-token" })).status).toBe(200);
    expect(await names()).toEqual([["wow@remote.example", true], ["wow@other.example", false]]);
    expect((await t.call("DELETE", "/api/v1/pleroma/statuses/s1/reactions/wow@other.example", { token: "u1-token" })).status).toBe(400);
    expect((await t.call("DELETE", "/api/v1/pleroma/statuses/s1/reactions/wow@remote.example", { token: "u1-token" })).status).toBe(200);
    expect(await names()).toEqual([["wow@other.example", false]]);
    expect(t.host.published.at(-1)).toMatchObject({ type: "Undo", object: { content: ":wow:" } });
  });

  it("does not remove a unicode reaction for a custom shortcode of the same name, nor another user's", async () => {
    const store = createMemoryStore();
    const t = testKit({ store });
    t.host.addStatus({ id: "s1", authorId: "u9" });
    await store.reactions.add({ statusId: "s1", userId: "u2", name: "blobcat", url: "https://local.example/emoji/blobs/blobcat.png", createdAt: new Date(0) });
    expect((await t.call("DELETE", "/api/v1/pleroma/statuses/s1/reactions/blobcat", { token: "u1-token" })).status).toBe(400);
    expect((await t.call("PUT", `/api/v1/pleroma/statuses/s1/reactions/${encodeURIComponent("🎅")}`, { token: "u2-token" })).status).toBe(200);
    expect((await t.call("DELETE", `/api/v1/pleroma/statuses/s1/reactions/${encodeURIComponent("🎅")}`, { token: "u1-token" })).status).toBe(400);
  });
});
