/**
 * `@pleroma-kit/testkit`: the store contract suite and the HTTP binding suite every adapter runs,
 * and for host code the host-port contract suite and an in-memory fake host.
 * @packageDocumentation
 */
export * from "./contract/index.js";
export * from "./http/index.js";
export * from "./host/index.js";
export * from "./postgres.js";
