/**
 * The binding over the stores users run (issue 16): the binding-overhead read (GET the reactions
 * of a status with 20 reactions) and write (PUT/DELETE of each connection's own reaction) through
 * Fastify, on the memory store, SQLite (a WAL file, the demo's default) with and without the
 * prepared-statement cache, and PostgreSQL. One server per store, all alive at once and measured in
 * rotating order within each round, so the ratios to memory (and to bare) come from one run on the
 * same machine state. Ratios are medians of per-round ratios.
 */
import type { AutocannonResult } from "autocannon";
import type { BenchRow, BenchSuite } from "../suite.js";
import { checkSameBytes, load, median, startServer } from "./binding-overhead.js";

const TARGETS: Record<string, { read: number; write: number }> = {
  sqlite: { read: 0.6, write: 0.5 },
  postgres: { read: 0.4, write: 0.5 },
};

const suite: BenchSuite = {
  name: "binding-stores",
  description: "Fastify binding req/s on memory, SQLite (with and without the statement cache) and PostgreSQL, read and write, side by side",
  async run({ log, quick, postgresUrl }) {
    const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 3));
    const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 1 : 2));
    const stores = ["memory", "sqlite-nocache", "sqlite", ...(postgresUrl ? ["postgres"] : [])];
    const servers = new Map<string, Awaited<ReturnType<typeof startServer>>>();
    const rows: BenchRow[] = [];
    try {
      for (const store of stores) {
        servers.set(store, await startServer("fastify", store === "postgres" ? `postgres:${postgresUrl}` : store));
        await checkSameBytes(servers.get(store)!.info);
      }
      for (const kind of ["read", "write"] as const) {
        for (const store of stores) await load(servers.get(store)!.info, "binding", kind, quick ? 0.5 : 1);
        const samples = new Map<string, AutocannonResult[]>(stores.map((s) => [s, []]));
        const bare: AutocannonResult[] = [];
        const ratios = new Map<string, number[]>(stores.map((s) => [s, []]));
        for (let round = 0; round < rounds; round++) {
          const order = stores.map((_, i) => stores[(i + round) % stores.length]!);
          // The bare handler of the memory server: the physical limit for these bytes.
          bare.push(await load(servers.get("memory")!.info, "bare", kind, seconds));
          for (const store of order) {
            const result = await load(servers.get(store)!.info, "binding", kind, seconds);
            if (result.non2xx > 0 || result.errors > 0) throw new Error(`${store} ${kind}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
            samples.get(store)!.push(result);
          }
          const memory = samples.get("memory")!.at(-1)!.requests.average;
          for (const store of stores) ratios.get(store)!.push(samples.get(store)!.at(-1)!.requests.average / memory);
          log(`${kind} round ${round + 1}: bare ${Math.round(bare.at(-1)!.requests.average)}, ${stores.map((s) => `${s} ${Math.round(samples.get(s)!.at(-1)!.requests.average)}`).join(", ")} req/s`);
        }
        const bareReqs = median(bare.map((r) => r.requests.average));
        for (const store of stores) {
          const reqs = median(samples.get(store)!.map((r) => r.requests.average));
          const ratio = median(ratios.get(store)!);
          const target = TARGETS[store]?.[kind] ?? null;
          rows.push({
            case: kind,
            store,
            "req/s": Math.round(reqs),
            "p99 ms": median(samples.get(store)!.map((r) => r.latency.p99)),
            "/ memory": Math.round(ratio * 100) / 100,
            "/ bare": Math.round((reqs / bareReqs) * 100) / 100,
            target,
            "meets target": target === null ? null : ratio >= target,
          });
        }
      }
    } finally {
      for (const server of servers.values()) await server.stop();
    }
    return {
      rows,
      notes: [
        `Fastify, 10 connections, ${seconds} s per measurement, ${rounds} round(s), stores in rotating order; / memory is the median of per-round ratios`,
        "sqlite-nocache: the same SQLite store with openSqlDatabase's statementCacheSize 0 (every query prepared anew, as before the cache)",
        "targets (issue 16): SQLite read >= 0.6 and write >= 0.5 of memory; PostgreSQL read >= 0.4 and write >= 0.5",
      ],
    };
  },
};
export default suite;
