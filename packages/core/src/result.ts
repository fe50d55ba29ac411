/**
 * The Result helpers every service uses. Ports return plain promises (null = not found, throw =
 * infrastructure failure); `fromPort` is the one place that turns a throw into an INTERNAL error.
 */
import { ResultAsync, errAsync, okAsync } from "neverthrow";
import { appError, isAppError, type AppError } from "./errors/index.js";

export { ResultAsync, okAsync, errAsync, ok, err, Result } from "neverthrow";

/** A service outcome: a value or an {@link AppError}. */
export type Outcome<T> = ResultAsync<T, AppError>;

/** Wraps a port call: a rejected promise becomes an INTERNAL error that keeps the cause for the log. */
export function fromPort<T>(promise: Promise<T> | (() => Promise<T>)): Outcome<T> {
  const p = typeof promise === "function" ? safeCall(promise) : promise;
  return ResultAsync.fromPromise(p, (cause) =>
    isAppError(cause) ? cause : appError("INTERNAL", { cause }),
  );
}

function safeCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (e) {
    return Promise.reject(e);
  }
}

/** Fails with `error` when the value is null or undefined. */
export function requirePresent<T>(value: T | null | undefined, error: AppError): Outcome<T> {
  return value === null || value === undefined ? errAsync(error) : okAsync(value);
}
