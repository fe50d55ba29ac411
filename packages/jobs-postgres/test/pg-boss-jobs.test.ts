import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { pgBossJobs, type PgBossJobQueue } from "../src/index.js";

const url = process.env.PLEROMA_KIT_PG_URL;
if (!url && process.env.PLEROMA_KIT_REQUIRE_PG) throw new Error("PLEROMA_KIT_REQUIRE_PG is set but PLEROMA_KIT_PG_URL is not");
if (!url) console.warn("jobs-postgres: PLEROMA_KIT_PG_URL not set, PostgreSQL job queue tests skipped");

const schemas: string[] = [];
const queues: PgBossJobQueue[] = [];
const freshSchema = () => {
  const name = `pk_jobs_${randomBytes(5).toString("hex")}`;
  schemas.push(name);
  return name;
};
const fast = { leaseSeconds: 3, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1, pollingIntervalSeconds: 0.5 };

async function until<T>(fn: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!url)("pgBossJobs on PostgreSQL", () => {
  afterAll(async () => {
    for (const q of queues) await q.stop({ timeoutMs: 1000 }).catch(() => {});
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await client.end();
  });

  it("runs a queued job once, retries a failure with a higher attempt, and counts states", async () => {
    const jobs = pgBossJobs({ connectionString: url!, schema: freshSchema(), ...fast });
    queues.push(jobs);
    const seen: Array<{ payload: unknown; attempt: number }> = [];
    jobs.register("flaky", async (payload, { attempt }) => {
      seen.push({ payload, attempt });
      if (attempt === 1) throw new Error("first attempt fails");
    });
    await expect(jobs.enqueue("flaky", {})).rejects.toThrow(/not started/);
    await jobs.start();
    const id = await jobs.enqueue("flaky", { n: 7 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => (seen.length >= 2 ? true : undefined));
    expect(seen).toEqual([
      { payload: { n: 7 }, attempt: 1 },
      { payload: { n: 7 }, attempt: 2 },
    ]);
    const stats = await until(async () => {
      const s = await jobs.stats();
      return s.done === 1 ? s : undefined;
    });
    expect(stats).toMatchObject({ done: 1, running: 0, queued: 0 });
  });

  it("takes over a job whose instance was killed with SIGKILL within the lease", async () => {
    const schema = freshSchema();
    const child = spawn(process.execPath, ["--conditions=@pleroma-kit/source", "--import", "tsx", fileURLToPath(new URL("./lease-child.ts", import.meta.url)), url!, schema], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    await until(() => (out.includes("started") ? true : undefined), 30_000);
    const takeover = pgBossJobs({ connectionString: url!, schema, ...fast });
    queues.push(takeover);
    const runs: Array<{ payload: unknown; attempt: number }> = [];
    takeover.register("hang", async (payload, { attempt }) => void runs.push({ payload, attempt }));
    await takeover.start();
    // The child's heartbeat keeps the job while it lives.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(runs).toEqual([]);
    const killedAt = Date.now();
    child.kill("SIGKILL");
    await until(() => (runs.length > 0 ? true : undefined), 30_000);
    const takenOverMs = Date.now() - killedAt;
    expect(runs).toEqual([{ payload: { n: 1 }, attempt: 2 }]);
    // 3 s lease + 1 s maintenance + 1 s retry delay + polling, with slack for a loaded machine.
    expect(takenOverMs).toBeLessThan(15_000);
  }, 60_000);
});
