import { ERROR_CODES, type ErrorCode } from "./error-codes.js";

/**
 * An expected failure, as data. Services return it inside a `Result`; only the respond step
 * turns it into an HTTP response (`{"error": message, ...body}` with `status`).
 */
export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly status: number;
  /** Extra top-level fields of the error body (e.g. Akkoma's `errors` array on validation failures). */
  readonly body?: Record<string, unknown>;
  /** Replaces the whole body, for Akkoma's few non-`{"error"}` shapes. */
  readonly rawBody?: unknown;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers?: Record<string, string>;
  /** The underlying cause, logged for INTERNAL errors, never sent to a client. */
  readonly cause?: unknown;
}

/** Builds an {@link AppError} from the code table; `overrides` change message, status or body for one use. */
export function appError(
  code: ErrorCode,
  overrides: Partial<Omit<AppError, "code">> = {},
): AppError {
  const entry = ERROR_CODES[code];
  return { code, message: entry.message, status: entry.status, ...overrides };
}

/** True for values shaped like an {@link AppError}. */
export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AppError).code === "string" &&
    typeof (value as AppError).status === "number" &&
    (value as AppError).code in ERROR_CODES
  );
}
