/**
 * Binding overhead (issue 9): requests per second and p99 latency through each binding
 * (Express, Fastify, Koa) against a bare handler in the same framework that sends the same
 * bytes, for a read (GET the reactions of a status with 20 reactions, signed in) and a write
 * (each connection is one user who PUTs then DELETEs its own reaction, so every request changes
 * the store, publishes an activity and renders the status; a bare PUT alone would turn into
 * no-ops after the first round).
 *
 * The servers run in a child process per framework (bench/lib/binding-server.ts), so autocannon
 * does not share their event loop; on two cores the load generator and the server get one each.
 * Bare and binding are measured alternately in every round, in alternating order, and the
 * reported ratio is the median of the per-round ratios: the machine's drift then cancels out.
 *
 * A third server ("same work") does what the binding does without pleroma-kit's pipeline and
 * bridge: the framework's routing, the token check through the host port, the same service call
 * and JSON.stringify. binding / same work is the overhead of the binding proper; same work / bare
 * is what the work itself costs, which no binding can remove.
 *
 * `BENCH_CPU_PROF=<dir>` runs the children with `--cpu-prof` and writes their profiles there.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon, { type AutocannonRequest, type AutocannonResult } from "autocannon";
import type { BindingServerInfo, Framework } from "../lib/binding-server.js";
import type { BenchRow, BenchSuite } from "../suite.js";

const FRAMEWORKS: readonly Framework[] = ["express", "fastify", "koa"];
const TARGETS: Record<Framework, number> = { express: 0.8, fastify: 0.7, koa: 0.8 };
const CONNECTIONS = 10;
const here = dirname(fileURLToPath(import.meta.url));

export type Mode = "bare" | "work" | "binding";
const MODES: readonly Mode[] = ["bare", "work", "binding"];
type Case = "read" | "write";

const suite: BenchSuite = {
  name: "binding-overhead",
  description: "req/s and p99 through each binding vs a bare handler sending the same bytes (read: GET 20 reactions; write: PUT/DELETE a reaction)",
  async run({ log, quick }) {
    const only = process.env.BENCH_FRAMEWORKS?.split(",");
    const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 3));
    const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 1 : 2));
    const rows: BenchRow[] = [];
    const notes: string[] = [
      `${CONNECTIONS} connections, ${seconds} s per measurement, ${rounds} round(s), bare, same work and binding in rotating order; req/s and p99 are medians over rounds, ratios are medians of per-round ratios`,
      "ratio = binding / bare (the issue's target); vs work = binding / same work without pleroma-kit (the binding's own overhead)",
    ];
    for (const framework of FRAMEWORKS.filter((f) => !only || only.includes(f))) {
      const server = await startServer(framework);
      try {
        const info = server.info;
        await checkSameBytes(info);
        for (const kind of ["read", "write"] as const) {
          // Warm-up: JIT, connection pools, lazily built route tables.
          for (const mode of MODES) await load(info, mode, kind, quick ? 0.5 : 1);
          const samples: Record<Mode, AutocannonResult[]> = { bare: [], work: [], binding: [] };
          const ratios: number[] = [];
          const workRatios: number[] = [];
          for (let round = 0; round < rounds; round++) {
            const order = MODES.map((_, i) => MODES[(i + round) % MODES.length]!);
            for (const mode of order) {
              const result = await load(info, mode, kind, seconds);
              if (result.non2xx > 0 || result.errors > 0) {
                throw new Error(`${framework} ${mode} ${kind}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
              }
              samples[mode].push(result);
            }
            const last = (mode: Mode) => samples[mode].at(-1)!.requests.average;
            ratios.push(last("binding") / last("bare"));
            workRatios.push(last("binding") / last("work"));
            log(`${framework} ${kind} round ${round + 1}: bare ${Math.round(last("bare"))}, same work ${Math.round(last("work"))}, binding ${Math.round(last("binding"))} req/s`);
          }
          const ratio = median(ratios);
          const reqs = (mode: Mode) => Math.round(median(samples[mode].map((r) => r.requests.average)));
          const p99 = (mode: Mode) => median(samples[mode].map((r) => r.latency.p99));
          rows.push({
            framework,
            case: kind,
            "bare req/s": reqs("bare"),
            "same work req/s": reqs("work"),
            "binding req/s": reqs("binding"),
            ratio: Math.round(ratio * 100) / 100,
            target: TARGETS[framework],
            "meets target": ratio >= TARGETS[framework],
            "vs work": Math.round(median(workRatios) * 100) / 100,
            "bare p99 ms": p99("bare"),
            "work p99 ms": p99("work"),
            "binding p99 ms": p99("binding"),
          });
        }
        notes.push(`${framework}: read answer ${info.read.bytes} bytes, write answers ${info.writeBytes.put}/${info.writeBytes.delete} bytes (PUT/DELETE)`);
      } finally {
        await server.stop();
      }
    }
    return { rows, notes };
  },
};
export default suite;

/** One autocannon run against the bare or binding server. */
export function load(info: BindingServerInfo, mode: Mode, kind: Case, duration: number): Promise<AutocannonResult> {
  const url = `http://127.0.0.1:${mode === "bare" ? info.barePort : mode === "work" ? info.workPort : info.bindingPort}`;
  if (kind === "read") {
    return autocannon({ url, connections: CONNECTIONS, duration, method: "GET", headers: { authorization: `Bearer ${info.read.token}` }, requests: [{ method: "GET", path: info.read.path }] });
  }
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [{ method: "GET", path: info.read.path }],
    setupClient(client) {
      // Each connection is one writer, so its PUT/DELETE pairs never race another connection's.
      const writer = info.writers[next++ % info.writers.length]!;
      const headers = { authorization: `Bearer ${writer.token}` };
      const cycle: AutocannonRequest[] = [
        { method: "PUT", path: writer.path, headers },
        { method: "DELETE", path: writer.path, headers },
      ];
      client.setRequests(cycle);
    },
  });
}

/** The bare handler must send what the binding sends, or the comparison means nothing. */
export async function checkSameBytes(info: BindingServerInfo): Promise<void> {
  for (const port of [info.barePort, info.workPort, info.bindingPort]) {
    const response = await fetch(`http://127.0.0.1:${port}${info.read.path}`, { headers: { authorization: `Bearer ${info.read.token}` } });
    const body = await response.arrayBuffer();
    if (response.status !== 200 || body.byteLength !== info.read.bytes) {
      throw new Error(`port ${port} answered ${response.status} with ${body.byteLength} bytes, expected 200 with ${info.read.bytes}`);
    }
  }
}

/** Starts bench/lib/binding-server.ts for `framework` (over `store`, see bench-storage.ts) and waits for its JSON line. */
export async function startServer(framework: Framework, store = "memory"): Promise<{ info: BindingServerInfo; stop(): Promise<void> }> {
  const profDir = process.env.BENCH_CPU_PROF;
  const args = [
    ...(profDir ? ["--cpu-prof", "--cpu-prof-dir", profDir] : []),
    "--conditions=@pleroma-kit/source",
    "--import",
    "tsx",
    join(here, "..", "lib", "binding-server.ts"),
    framework,
    store,
  ];
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  const info = await new Promise<BindingServerInfo>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const line = out.indexOf("\n");
      if (line >= 0) resolve(JSON.parse(out.slice(0, line)) as BindingServerInfo);
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${framework} server exited with ${code} before listening`)));
  });
  return { info, stop: () => stopChild(child) };
}

/** Closing stdin asks the child to exit cleanly (so a CPU profile gets written). */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin!.end();
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
