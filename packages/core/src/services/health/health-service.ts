import type { StoreHealth } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";

export interface HealthReport {
  readonly pool_size: number;
  readonly active: number;
  readonly idle: number;
  readonly memory_used: number;
  readonly healthy: boolean;
  readonly job_queue_stats: Record<string, number>;
}

/**
 * The healthcheck (accounts.md 15): probes the store. Unhealthy when the probe fails or every
 * pooled connection is busy, as Akkoma judges it.
 */
export class HealthService {
  constructor(
    private readonly health: StoreHealth,
    private readonly jobStats: () => Promise<Record<string, number>> = async () => ({}),
  ) {}

  check(): Outcome<HealthReport> {
    return fromPort(async () => {
      const alive = await this.health.ping().catch(() => false);
      const pool = alive && this.health.pool ? await this.health.pool().catch(() => null) : null;
      const jobs = await this.jobStats().catch(() => ({}));
      const size = pool?.size ?? 0;
      const active = pool?.active ?? 0;
      return {
        pool_size: size,
        active,
        idle: pool?.idle ?? 0,
        memory_used: Math.round((process.memoryUsage().rss / 1048576) * 100) / 100,
        healthy: alive && (size === 0 || active < size),
        job_queue_stats: jobs,
      };
    });
  }
}
