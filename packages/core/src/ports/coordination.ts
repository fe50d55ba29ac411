/**
 * What several instances of one server must share besides the database and the files: a lock per
 * named resource (a pack being edited) and a signal that something changed (the emoji catalog).
 * The defaults work inside one process; `@pleroma-kit/jobs-postgres` has PostgreSQL versions.
 */

/**
 * Named mutual exclusion. Calls with one key run one at a time across every process sharing the
 * implementation, in no promised order; a holder that dies releases its locks.
 *
 * @example
 * await locks.withLock("emoji-pack:blobs", async () => { ...read, change, write pack.json... });
 */
export interface Locks {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * Change notifications between instances: `publish` tells every subscriber (in every process,
 * this one included) that something under `channel` changed. Delivery is best-effort and carries
 * no payload: subscribers re-read the state, so a lost signal only delays them until their TTL.
 *
 * @example
 * const off = signals.subscribe("emoji-packs", () => catalog.refresh());
 * await signals.publish("emoji-packs");
 */
export interface ChangeSignals {
  publish(channel: string): Promise<void>;
  subscribe(channel: string, listener: () => void): () => void;
}
