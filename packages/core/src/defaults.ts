/** Default infrastructure ports: system clock, sortable random ids, a JSON-lines console logger. */
import { randomBytes } from "node:crypto";
import type { Clock, IdGenerator, Logger } from "./ports/infrastructure.js";

export const systemClock: Clock = { now: () => new Date() };

/**
 * Sortable ids like Pleroma's flake ids: 48 bits of milliseconds, a per-process counter and random
 * bits, rendered in base 62 with a fixed width so string order equals creation order.
 */
export function flakeIds(clock: Clock = systemClock): IdGenerator {
  let lastMs = 0;
  let seq = 0;
  const node = randomBytes(4).readUInt32BE(0);
  return {
    next() {
      const ms = Math.max(clock.now().getTime(), lastMs);
      seq = ms === lastMs ? seq + 1 : 0;
      lastMs = ms;
      const value = (BigInt(ms) << 64n) | (BigInt(seq & 0xffff) << 48n) | (BigInt(node) << 16n) | BigInt(randomBytes(2).readUInt16BE(0));
      return value.toString(36).padStart(24, "0");
    },
  };
}

/** Logs JSON lines to stderr at `level` and above. */
export function consoleLogger(level: "debug" | "info" | "warn" | "error" = "info"): Logger {
  const order = { debug: 0, info: 1, warn: 2, error: 3 } as const;
  const emit = (lvl: keyof typeof order) => (message: string, fields?: Record<string, unknown>) => {
    if (order[lvl] < order[level]) return;
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...fields })}\n`);
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/** Discards everything (tests). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
