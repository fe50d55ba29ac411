import { describe, expect, it } from "vitest";
import { DEFAULT_IMPORT_LIMITS, parseImportList } from "../src/internal.js";
import { createFakeWorld } from "./support/fake-world.js";

describe("parseImportList", () => {
  it("reads Mastodon CSV (first column, header dropped once) and whitespace lists, stripping leading @", () => {
    expect(parseImportList("Account address,Show boosts,Notify on new posts,Languages\nalice@a.example,true,false,\n@bob,false,false,\n")).toEqual([
      "alice@a.example",
      "bob",
    ]);
    expect(parseImportList("a\n  \n@b\n@@c@local.example\r\nd e\tf")).toEqual(["a", "b", "c@local.example", "d", "e", "f"]);
    expect(parseImportList("Account address,Hide notifications\nmuted@x.example,true")).toEqual(["muted@x.example"]);
    expect(parseImportList("Account address\n\n   ")).toEqual([]);
  });
});

describe("POST /api/pleroma/follow_import|blocks_import|mutes_import", () => {
  it("answers \"job started\" and follows every listed account in a background job, with a per-row report", async () => {
    const w = createFakeWorld();
    const me = w.user();
    const alice = w.user("alice");
    const bob = w.user("bob");
    const res = await w.call("POST", "/api/pleroma/follow_import", {
      token: me.token,
      json: { list: "Account address,Show boosts\nalice,true\n@bob@local.example,true\nghost@nowhere.example,true" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toBe("job started");
    const location = res.headers.get("location")!;
    await w.jobs.drain();
    expect(w.follows.has(w.pair(me.id, alice.id)) && w.follows.has(w.pair(me.id, bob.id))).toBe(true);
    const jobPath = new URL(location).pathname;
    const job = await w.call("GET", jobPath, { token: me.token });
    expect(job.json).toMatchObject({ type: "follow", state: "done", total: 3, counts: { ok: 2, not_found: 1, failed: 0, pending: 0 } });
    const rows = await w.call("GET", `${jobPath}/rows`, { token: me.token });
    expect(rows.json).toEqual([
      { line: 1, identifier: "alice", result: "ok" },
      { line: 2, identifier: "bob@local.example", result: "ok" },
      { line: 3, identifier: "ghost@nowhere.example", result: "not_found" },
    ]);
    expect((await w.call("GET", "/api/v1/pleroma/imports", { token: me.token })).json.map((j: any) => j.id)).toEqual([job.json.id]);
    // Another user's job is not found, and their list is empty.
    const other = w.user();
    expect((await w.call("GET", jobPath, { token: other.token })).status).toBe(404);
    expect((await w.call("GET", `${jobPath}/rows`, { token: other.token })).status).toBe(404);
    expect((await w.call("GET", "/api/v1/pleroma/imports", { token: other.token })).json).toEqual([]);
  });

  it("takes the list as an uploaded file, under both prefixes, for blocks and mutes", async () => {
    const w = createFakeWorld();
    const me = w.user();
    const a = w.user("a");
    const b = w.user("b");
    const form = new FormData();
    form.set("list", new File(["a b"], "blocks.csv", { type: "text/csv" }));
    expect((await w.call("POST", "/api/v1/pleroma/blocks_import", { token: me.token, form })).json).toBe("job started");
    const mutes = new FormData();
    mutes.set("list", "Account address,Hide notifications\nb,true");
    expect((await w.call("POST", "/api/pleroma/mutes_import", { token: me.token, form: mutes })).json).toBe("job started");
    await w.jobs.drain();
    expect(w.blocks.has(w.pair(me.id, a.id)) && w.blocks.has(w.pair(me.id, b.id))).toBe(true);
    expect(w.mutes.has(w.pair(me.id, b.id))).toBe(true);
  });

  it("refuses an empty list with 400 (Akkoma crashes with 500) and a missing one with Missing field", async () => {
    const w = createFakeWorld();
    const me = w.user();
    for (const list of ["", "   \n", "Account address,Show boosts\n"]) {
      const res = await w.call("POST", "/api/pleroma/follow_import", { token: me.token, json: { list } });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: "Import list is empty" });
    }
    const missing = await w.call("POST", "/api/pleroma/follow_import", { token: me.token, json: {} });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toBe("Missing field: list.");
    // The query string is not read.
    expect((await w.call("POST", "/api/pleroma/follow_import?list=alice", { token: me.token })).status).toBe(400);
    expect(await w.store.imports.jobsOf(me.id, 10)).toEqual([]);
  });

  it("checks scopes before parameters", async () => {
    const w = createFakeWorld();
    const me = w.user();
    const res = await w.call("POST", "/api/pleroma/follow_import", { token: w.token(me.id, ["something"]), json: {} });
    expect(res.status).toBe(403);
    expect(res.json.error).toBe("Insufficient permissions: follow | write:follows.");
    expect((await w.call("POST", "/api/pleroma/blocks_import", { token: w.token(me.id, ["write:blocks"]), json: { list: "x" } })).status).toBe(200);
    expect((await w.call("POST", "/api/pleroma/mutes_import", { token: w.token(me.id, ["write:blocks"]), json: { list: "x" } })).status).toBe(403);
  });

  it("refuses a list over the byte or row cap whole: nothing stored, nothing applied", async () => {
    const w = createFakeWorld();
    const me = w.user();
    const target = w.user("target");
    const bytes = `target\n${"x".repeat(DEFAULT_IMPORT_LIMITS.maxBytes)}`;
    const big = await w.call("POST", "/api/pleroma/follow_import", { token: me.token, json: { list: bytes } });
    expect(big.status).toBe(413);
    const form = new FormData();
    form.set("list", new File([bytes], "f.csv"));
    expect((await w.call("POST", "/api/pleroma/follow_import", { token: me.token, form })).status).toBe(413);
    const rows = ["target", ...Array.from({ length: DEFAULT_IMPORT_LIMITS.maxRows }, (_, i) => `u${i}`)].join("\n");
    const many = await w.call("POST", "/api/pleroma/follow_import", { token: me.token, json: { list: rows } });
    expect(many.status).toBe(413);
    expect(many.json.error).toBe(`Import list has more than ${DEFAULT_IMPORT_LIMITS.maxRows} entries`);
    await w.jobs.drain();
    expect(w.follows.has(w.pair(me.id, target.id))).toBe(false);
    expect(await w.store.imports.jobsOf(me.id, 10)).toEqual([]);
  });

  it("completes a 20,000-row follow import through the job runner with a per-row report", async () => {
    const w = createFakeWorld();
    const me = w.user();
    const targets = Array.from({ length: 200 }, (_, i) => w.user(`t${i}`));
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 100 === 0 ? `t${(i / 100) % 200}` : `missing${i}@far.example`));
    const started = performance.now();
    const res = await w.call("POST", "/api/pleroma/follow_import", { token: me.token, json: { list: `Account address,Show boosts\n${lines.map((l) => `${l},true`).join("\n")}` } });
    expect(res.status).toBe(200);
    await w.jobs.drain();
    const jobPath = new URL(res.headers.get("location")!).pathname;
    const job = await w.call("GET", jobPath, { token: me.token });
    expect(job.json).toMatchObject({ state: "done", total: 20_000, counts: { ok: 200, not_found: 19_800, pending: 0, failed: 0 } });
    expect(targets.every((t) => w.follows.has(w.pair(me.id, t.id)))).toBe(true);
    const tail = await w.call("GET", `${jobPath}/rows?offset=19998&limit=5`, { token: me.token });
    expect(tail.json.map((r: any) => r.line)).toEqual([19_999, 20_000]);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it("marks rows whose host call throws as failed and still finishes", async () => {
    const w = createFakeWorld();
    const me = w.user();
    w.user("ok1");
    const real = w.kit.services.imports;
    const host = (real as unknown as { deps: { host: { relationImports: { apply: Function } } } }).deps.host;
    const original = host.relationImports.apply;
    host.relationImports.apply = async (kind: string, userId: string, identifier: string) => {
      if (identifier === "boom") throw new Error("host down");
      return original(kind, userId, identifier);
    };
    const res = await w.call("POST", "/api/pleroma/follow_import", { token: me.token, json: { list: "ok1\nboom" } });
    await w.jobs.drain();
    const job = await w.call("GET", new URL(res.headers.get("location")!).pathname, { token: me.token });
    expect(job.json).toMatchObject({ state: "done", counts: { ok: 1, failed: 1 } });
  });
});
