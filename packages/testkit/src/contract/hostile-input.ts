/**
 * Hostile text through the kit, over the store under test: every store must give the same answer.
 * NUL bytes, invalid Unicode and absurd Basic logins are refused at the edge (PostgreSQL would
 * answer 500 where SQLite and memory store them); odd but valid text is stored and read back
 * unchanged.
 */
import { describe, expect, it } from "vitest";
import { createPleromaKit, memoryFileStore, silentLogger, type HostPorts, type PleromaStore } from "@pleroma-kit/core";
import { FAKE_CREDENTIALS, fakeBindingHost } from "../http/fake-host.js";
import type { StoreFactory } from "./types.js";
import { useStore } from "./use-store.js";

/** Odd but valid text: astral characters, combining marks, RTL, quotes, SQL and a long run. */
export const HOSTILE_VALID_TEXT = [
  "😀🏳️‍🌈 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "Cafe\u0301 CAFÉ café",
  "\u202Eevil\u202C עברית",
  `'; DROP TABLE scrobbles; -- "quoted" \\ back`,
  "tab\there\nnewline\r\n",
  "x".repeat(1000),
];

function hostileHost(): HostPorts {
  const base = fakeBindingHost();
  const me = { id: FAKE_CREDENTIALS.userId, nickname: "alice", isLocal: true, isActive: true };
  return {
    ...base,
    accounts: {
      ...base.accounts,
      get: async (id) => (id === me.id ? me : null),
      render: async (ids) => new Map(ids.filter((id) => id === me.id).map((id) => [id, { id, acct: "alice" }])),
    },
  };
}

function kitOver(store: PleromaStore) {
  const kit = createPleromaKit({ baseUrl: "https://local.example", store, files: memoryFileStore(), host: hostileHost(), logger: silentLogger });
  return async (method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}) => {
    const res = await kit.fetch(new Request(`https://local.example${path}`, { method, headers: init.headers, body: init.body }));
    const text = await res!.text();
    return { status: res!.status, json: text ? (JSON.parse(text) as any) : null };
  };
}

const bearer = { authorization: `Bearer ${FAKE_CREDENTIALS.token}` };
const basic = (raw: string | Buffer) => ({ authorization: `Basic ${Buffer.from(raw).toString("base64")}` });

export function hostileInputContract(factory: StoreFactory): void {
  describe("hostile input through the kit", () => {
    const get = useStore(factory);

    it("refuses NUL bytes and invalid Unicode in text with 400 before the store", async () => {
      const call = kitOver(get());
      const json = { ...bearer, "content-type": "application/json" };
      const bodies = ['{"title":"a\\u0000b"}', '{"title":"\\ud800"}', '{"title":"ok","artist":"\\udfff"}'];
      for (const body of bodies) {
        expect((await call("POST", "/api/v1/pleroma/scrobble", { headers: json, body })).status, body).toBe(400);
      }
      const form = { ...bearer, "content-type": "application/x-www-form-urlencoded" };
      expect((await call("POST", "/api/v1/pleroma/scrobble", { headers: form, body: "title=a%00b" })).status).toBe(400);
      expect((await call("POST", "/api/v1/pleroma/scrobble", { headers: form, body: "title=a%C3%28" })).status).toBe(400);
      const listed = await call("GET", `/api/v1/pleroma/accounts/${FAKE_CREDENTIALS.userId}/scrobbles`, { headers: bearer });
      expect(listed).toEqual({ status: 200, json: [] });
    });

    it("answers 403 to Basic logins with a NUL, invalid UTF-8 or of any length, and keeps counting attempts", async () => {
      const call = kitOver(get());
      const logins = ["alice\0:secret", Buffer.from([0x61, 0xc3, 0x28, 0x3a, 0x78]), `${"a".repeat(600)}:secret`, `${"é😀".repeat(100)}:wrong`];
      for (const login of logins) {
        const res = await call("GET", "/api/v1/pleroma/accounts/mfa", { headers: basic(login) });
        expect(res, String(login).slice(0, 20)).toEqual({ status: 403, json: { error: "Invalid credentials." } });
      }
      expect((await call("GET", `/api/v1/pleroma/accounts/${FAKE_CREDENTIALS.userId}/scrobbles`, { headers: basic("alice:secret") })).status).toBe(200);
    });

    it("stores odd but valid text and reads it back unchanged", async () => {
      const call = kitOver(get());
      const json = { ...bearer, "content-type": "application/json" };
      for (const title of HOSTILE_VALID_TEXT) {
        const res = await call("POST", "/api/v1/pleroma/scrobble", { headers: json, body: JSON.stringify({ title: title.trim() === "" ? "x" : title, artist: title }) });
        expect(res.status, title.slice(0, 20)).toBe(200);
      }
      const listed = await call("GET", `/api/v1/pleroma/accounts/${FAKE_CREDENTIALS.userId}/scrobbles?limit=40`, { headers: bearer });
      expect(listed.status).toBe(200);
      const artists = (listed.json as Array<{ artist: string }>).map((s) => s.artist).sort();
      expect(artists).toEqual(HOSTILE_VALID_TEXT.map((t) => t.trim()).sort());
    });
  });
}
