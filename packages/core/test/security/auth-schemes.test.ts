/** Credential parsing corners of resolvePrincipal: schemes, repeated credentials, cookies. */
import { describe, expect, it } from "vitest";
import type { Authenticator, Principal } from "../../src/index.js";
import { noGuards, resolvePrincipal } from "../../src/http/authenticate.js";

describe("resolvePrincipal: scheme and cookie edge cases", () => {
  const alice: Principal = { user: { id: "u1", nickname: "alice", isAdmin: false, isModerator: false }, scopes: ["read"], via: "token" };
  const seen: string[] = [];
  const auth: Authenticator = {
    authenticateToken: async () => null,
    authenticateSession: async (c) => (seen.push(`cookie:${c}`), c === "good" ? alice : null),
    authenticateBasic: async (l, p) => (seen.push(`basic:${l}:${p}`), l === "alice" && p === "pw" ? alice : null),
  };
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const resolve = async (headers: Record<string, string>) => {
    seen.length = 0;
    return (await resolvePrincipal({ headers: new Headers(headers) }, undefined, auth, noGuards))._unsafeUnwrap();
  };

  it("reads Basic credentials only under the Basic scheme, and the first of two", async () => {
    expect(await resolve({ authorization: `Digest ${b64("alice:pw")}` })).toBeNull();
    expect(seen).toEqual([]);
    expect(await resolve({ authorization: `Basic ${b64("alice:pw")}, Basic ${b64("alice:other")}` })).toMatchObject({ via: "basic" });
    expect(seen).toEqual(["basic:alice:pw"]);
    expect(await resolve({ authorization: `Basic ${b64(":pw")}` })).toBeNull();
    expect(seen).toEqual([]);
  });

  it("falls back to Basic when the session cookie is not valid; the first cookie of a name wins, trimmed", async () => {
    expect(await resolve({ cookie: "pleroma_key=bad", authorization: `Basic ${b64("alice:pw")}` })).toMatchObject({ via: "basic" });
    expect(await resolve({ cookie: "pleroma_key=good; pleroma_key=bad" })).toEqual({ ...alice, via: "cookie" });
    expect(await resolve({ cookie: "pleroma_key=good ; other=1" })).toEqual({ ...alice, via: "cookie" });
    expect(seen).toEqual(["cookie:good"]);
  });
});
