/** A worker that takes one job and hangs: the test kills it with SIGKILL mid-job. */
import { pgBossJobs } from "../src/index.js";

const [connectionString, schema] = process.argv.slice(2) as [string, string];
const jobs = pgBossJobs({ connectionString, schema, leaseSeconds: 3, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1, pollingIntervalSeconds: 0.5, concurrency: 1, logger: { debug() {}, info() {}, warn: (m: string, f: unknown) => process.stderr.write(`${m} ${JSON.stringify(f)}\n`), error: (m: string, f: unknown) => process.stderr.write(`${m} ${JSON.stringify(f)}\n`) } as never });
jobs.register("hang", async (payload) => {
  process.stdout.write(`started ${JSON.stringify(payload)}\n`);
  await new Promise(() => {});
});
await jobs.start();
await jobs.enqueue("hang", { n: 1 });
process.stdout.write("queued\n");
