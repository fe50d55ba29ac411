import type { ChangeSignals, Locks } from "../ports/coordination.js";

/** {@link Locks} inside this process: calls for one key run in arrival order. */
export function inProcessLocks(): Locks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async withLock(key, fn) {
      const previous = tails.get(key) ?? Promise.resolve();
      const run = previous.then(fn, fn);
      const tail = run.catch(() => {});
      tails.set(key, tail);
      try {
        return await run;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}

/** {@link ChangeSignals} inside this process (one instance needs nothing more). */
export function inProcessSignals(): ChangeSignals {
  const listeners = new Map<string, Set<() => void>>();
  return {
    async publish(channel) {
      for (const listener of listeners.get(channel) ?? []) listener();
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => void set.delete(listener);
    },
  };
}
