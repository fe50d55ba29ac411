import { performance } from "node:perf_hooks";

/** Latency figures of repeated calls, in milliseconds. */
export interface Latency {
  readonly median: number;
  readonly p95: number;
  readonly mean: number;
  readonly min: number;
  readonly iterations: number;
}

/**
 * Times `fn` sequentially: `warmup` untimed calls (JIT, caches, prepared statements), then
 * `iterations` timed ones. Sequential on purpose: this measures latency, not throughput.
 */
export async function measure(fn: () => Promise<unknown>, options: { warmup?: number; iterations?: number } = {}): Promise<Latency> {
  const warmup = options.warmup ?? 30;
  const iterations = options.iterations ?? 200;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return {
    median: round(at(0.5)),
    p95: round(at(0.95)),
    mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    min: round(times[0]!),
    iterations,
  };
}

/** Three significant decimals are plenty for milliseconds. */
export const round = (value: number) => Math.round(value * 1000) / 1000;
