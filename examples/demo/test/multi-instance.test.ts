/**
 * Issue 17 (first part of the multi-instance suite): two demo instances on one PostgreSQL database
 * and one files folder, each with its own connection pools, pg-boss queue, advisory locks and
 * LISTEN/NOTIFY. 20 parallel pack edits spread over both are all kept; an emoji added through one
 * is listed by the other within a second. (Instances in separate processes and SIGKILL takeover
 * are covered by jobs-postgres's and the fault-injection tests; see docs/scaling.md.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { consoleLogger } from "@pleroma-kit/core";
import { demoConfigSchema } from "../src/config.js";
import { startDemoServer, type DemoServer } from "../src/server.js";
import { client, describeStore, quickUser, stores, TINY_PNG, unique } from "./support.js";

const postgres = stores[2]!;

describeStore(postgres, "two instances on one database and one files folder", () => {
  const storage = postgres.open();
  const files = mkdtempSync(join(tmpdir(), "pk-multi-"));
  const servers: DemoServer[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const config = demoConfigSchema.parse({ port: 0, host: "127.0.0.1", databaseUrl: storage.databaseUrl, tablePrefix: storage.tablePrefix, filesDir: files });
      servers.push(await startDemoServer(config, { logger: consoleLogger("warn") }));
    }
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) await s.close();
    await storage.dispose();
    rmSync(files, { recursive: true, force: true });
  });

  it("keeps all of 20 parallel emoji additions to one pack spread over both instances", async () => {
    const [a, b] = servers as [DemoServer, DemoServer];
    const admin = await quickUser(a, unique("admin"), { isAdmin: true });
    const calls = [client(a), client(b)];
    const pack = unique("shared");
    expect((await calls[0]!("POST", `/api/v1/pleroma/emoji/pack?name=${pack}`, { token: admin.token, json: {} })).status).toBe(200);
    const add = (i: number) => {
      const form = new FormData();
      form.append("shortcode", `e${i}`);
      form.append("filename", `e${i}.png`);
      form.append("file", new Blob([TINY_PNG], { type: "image/png" }), `e${i}.png`);
      return calls[i % 2]!("POST", `/api/v1/pleroma/emoji/packs/files?name=${pack}`, { token: admin.token, form });
    };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => add(i)));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const call of calls) {
      const shown = await call("GET", `/api/v1/pleroma/emoji/pack?name=${pack}`);
      expect(Object.keys(shown.body.files).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`).sort());
    }
  }, 60_000);

  it("lists an emoji added through one instance on the other within a second", async () => {
    const [a, b] = servers as [DemoServer, DemoServer];
    const admin = await quickUser(a, unique("admin"), { isAdmin: true });
    const [callA, callB] = [client(a), client(b)];
    // The other instance has read (and cached) the catalog before the change.
    await callB("GET", "/api/v1/custom_emojis");
    const pack = unique("fresh");
    await callA("POST", `/api/v1/pleroma/emoji/pack?name=${pack}`, { token: admin.token, json: {} });
    const code = unique("blob");
    const form = new FormData();
    form.append("shortcode", code);
    form.append("filename", `${code}.png`);
    form.append("file", new Blob([TINY_PNG], { type: "image/png" }), `${code}.png`);
    expect((await callA("POST", `/api/v1/pleroma/emoji/packs/files?name=${pack}`, { token: admin.token, form })).status).toBe(200);
    const at = Date.now();
    let seen = false;
    while (!seen && Date.now() - at < 1000) {
      const list = (await callB("GET", "/api/v1/custom_emojis")).body as Array<{ shortcode: string }>;
      seen = list.some((e) => e.shortcode === code);
      if (!seen) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toBe(true);
  }, 30_000);
});
