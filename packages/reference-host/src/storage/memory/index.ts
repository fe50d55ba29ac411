/**
 * `@pleroma-kit/reference-host/memory`: the reference host's storage (`HostData`) in memory, for
 * tests and the demo.
 * @packageDocumentation
 */
export { createMemoryHostData } from "./memory-host-data.js";
