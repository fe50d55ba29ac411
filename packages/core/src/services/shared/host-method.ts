import { appError } from "../../errors/index.js";

/**
 * A host-port method that may be missing (ports are adopted one at a time), bound to its port.
 * When the host left it out this throws HOST_FEATURE_MISSING (404 "Not implemented"), which
 * `fromPort` passes through as that error rather than a 500. Routes whose methods are missing are
 * switched off before this is reached; this covers direct service calls.
 */
export function hostMethod<P extends object, K extends keyof P>(port: P | undefined, method: K): NonNullable<P[K]> {
  const fn = port?.[method];
  if (typeof fn !== "function") throw appError("HOST_FEATURE_MISSING", { message: "Not implemented" });
  return (fn as (...args: unknown[]) => unknown).bind(port) as NonNullable<P[K]>;
}
