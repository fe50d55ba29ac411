/**
 * `@pleroma-kit/core/store-kit`: helpers for writing a store adapter (a `PleromaStore` or a
 * `FileStore`) that behaves like the shipped ones: id ordering and in-memory paging, constant-time
 * comparison, file key validation. The port types themselves are in the root entry.
 * @packageDocumentation
 */
export { ID_SORT_WIDTH, idSortKey, compareIds, pageInMemory } from "./paging/id-order.js";
export { constantTimeEqual } from "./services/mfa/constant-time.js";
export { safeFileKey, joinFileKey } from "./files/safe-file-key.js";
export { UnsafePathError, isUnsafePathError } from "./files/unsafe-path-error.js";
export { collect } from "./files/memory-file-store.js";

// Coordination between instances (docs/scaling.md): the ports a shared lock or signal adapter
// implements, with the in-process defaults.
export type { ChangeSignals, Locks } from "./ports/coordination.js";
export { inProcessLocks, inProcessSignals } from "./coordination/in-process.js";
