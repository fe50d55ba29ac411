/**
 * `@pleroma-kit/testkit`: the store contract suite and the HTTP binding suite every adapter runs.
 * @packageDocumentation
 */
export * from "./contract/index.js";
export * from "./http/index.js";
export * from "./postgres.js";
