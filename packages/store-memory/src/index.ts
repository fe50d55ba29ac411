/**
 * `@pleroma-kit/store-memory`: every pleroma-kit port in memory, for tests and the demo.
 * @packageDocumentation
 */
export * from "./memory-store.js";
