import type { AttemptStore } from "@pleroma-kit/core";

/** Attempt counters in memory (one process). Each `hit` is one synchronous step, so none is lost. */
export function memoryAttempts(): AttemptStore {
  const byKey = new Map<string, number[]>();
  return {
    async hit(key, at, windowStart) {
      const kept = (byKey.get(key) ?? []).filter((t) => t >= windowStart.getTime());
      kept.push(at.getTime());
      byKey.set(key, kept);
      return kept.filter((t) => t >= windowStart.getTime()).length;
    },
    async reset(key) {
      byKey.delete(key);
    },
  };
}
