/**
 * Small infrastructure ports: time, ids, logging. Each has a default in core; hosts and tests
 * pass their own (a fixed clock makes TOTP and rate-limit tests deterministic).
 */

/** Current time. Everything time-dependent reads this, never `Date.now()` directly. */
export interface Clock {
  now(): Date;
}

/** Generates sortable, unique string ids (Pleroma renders ids as strings). */
export interface IdGenerator {
  next(): string;
}

/** Structured log sink. `error` receives unexpected failures that were answered with a generic 500. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
