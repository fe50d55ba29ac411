/**
 * Issue 15 items 1 and 3: a demo process killed with SIGKILL in the middle of a backup and an
 * import, then restarted on the same database and files folder. The user must be able to ask for
 * a backup again at once (no "Last export was less than 7 days ago" for a dead job), the import
 * must not stay `running` forever, and no temporary file may remain.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { startDemoServer } from "../src/server.js";
import { configFromEnv } from "../src/config.js";
import { consoleLogger } from "@pleroma-kit/core";
import { describeStore, quickUser, stores } from "./support.js";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

function tempFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".pk-tmp")) out.push(full);
    }
  };
  walk(dir);
  return out;
}

async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--conditions=@pleroma-kit/source", "--import", "tsx", MAIN], {
    env: { ...process.env, ...env, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stderr!.on("data", () => {});
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start: ${out}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`demo exited ${code}: ${out}`)));
  });
  return { child, url };
}

for (const store of [stores[1]!, stores[2]!]) {
  describeStore(store, `kill -9 mid-backup and mid-import, restart: ${store.name}`, () => {
    const storage = store.open();
    const files = mkdtempSync(join(tmpdir(), "pk-fault-"));
    const children: ChildProcess[] = [];
    afterAll(async () => {
      for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
      await storage.dispose();
      rmSync(files, { recursive: true, force: true });
    });

    it("lets the user retry a backup at once, leaves no import running and no temp file", async () => {
      const env = { DATABASE_URL: storage.databaseUrl, PLEROMA_KIT_TABLE_PREFIX: storage.tablePrefix, PLEROMA_KIT_FILES_DIR: files };
      // Seed a user with enough posts that the archive takes a while to write.
      const seed = await startDemoServer(configFromEnv({ ...env, PORT: "0" }), { logger: consoleLogger("error") });
      const alice = await quickUser(seed, "alice");
      for (let i = 0; i < 3000; i += 100) {
        await Promise.all(Array.from({ length: 100 }, (_, j) => seed.host.statuses.post({ authorId: alice.id, content: `post ${i + j} ${"x".repeat(400)}`, visibility: "public" })));
      }
      await seed.close();

      const first = await startChild(env);
      children.push(first.child);
      const call = (url: string, method: string, path: string, body?: unknown) =>
        fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${alice.token}`, ...(body ? { "content-type": "application/json" } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      const list = Array.from({ length: 20_000 }, (_, i) => `ghost${i}@nowhere.invalid`).join("\n");
      expect((await call(first.url, "POST", "/api/pleroma/follow_import", { list })).status).toBe(200);
      expect((await call(first.url, "POST", "/api/v1/pleroma/backups", {})).status).toBe(200);
      // Kill as soon as the backup is running (its archive is being written).
      for (let i = 0; i < 400; i++) {
        const rows = (await (await call(first.url, "GET", "/api/v1/pleroma/backups")).json()) as Array<{ state: string }>;
        if (rows[0]?.state === "running") break;
        await new Promise((r) => setTimeout(r, 10));
      }
      first.child.kill("SIGKILL");
      await new Promise((r) => first.child.once("exit", r));

      const second = await startChild(env);
      children.push(second.child);
      // The dead backup is failed at start-up: a new one is accepted at once.
      // (A durable queue would take the dead backup over; start-up recovery fails it only without one.)
      const before = (await (await call(second.url, "GET", "/api/v1/pleroma/backups")).json()) as Array<{ state: string }>;
      if (store.name === "sqlite") expect(before.map((b) => b.state)).toEqual(["failed"]);
      const retried = await call(second.url, "POST", "/api/v1/pleroma/backups", {});
      expect(retried.status).toBe(200);
      // The import is failed (in-process queue) or resumed by the durable queue: never left for dead.
      const imports = (await (await call(second.url, "GET", "/api/v1/pleroma/imports")).json()) as Array<{ state: string }>;
      // (20,000 unknown accounts may be done before the backup starts; it must not stay "running" for dead.)
      if (store.name === "sqlite") expect(["failed", "done"]).toContain(imports[0]?.state);
      else expect(["running", "queued", "done"]).toContain(imports[0]?.state);
      // The retried backup finishes, and nothing partial is left in the files folder.
      let done = false;
      for (let i = 0; i < 600 && !done; i++) {
        const rows = (await (await call(second.url, "GET", "/api/v1/pleroma/backups")).json()) as Array<{ state: string }>;
        done = rows[0]?.state === "done";
        if (!done) await new Promise((r) => setTimeout(r, 100));
      }
      expect(done).toBe(true);
      expect(tempFiles(files)).toEqual([]);
      second.child.kill("SIGTERM");
      await new Promise((r) => second.child.once("exit", r));
    }, 180_000);
  });
}
