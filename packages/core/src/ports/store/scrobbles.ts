/**
 * Scrobbles, Pleroma's Listen activities. Implementations: `memory-scrobbles.ts`,
 * `sql-scrobbles.ts`; contract: testkit's `contract/scrobbles.ts`.
 */
import type { IdPage } from "../paging.js";

/** One Listen (scrobble). */
export interface ScrobbleRow {
  readonly id: string;
  readonly accountId: string;
  readonly title: string;
  readonly artist: string | null;
  readonly album: string | null;
  /** Length in milliseconds. */
  readonly length: number | null;
  readonly visibility: "public" | "unlisted" | "private" | "direct";
  readonly createdAt: Date;
}

/**
 * What accounts listened to. Visibility is decided by the caller, which passes the visibilities
 * the viewer may see.
 *
 * @example
 * const page = await store.scrobbles.list(accountId, ["public", "unlisted"], { limit: 20 });
 */
export interface ScrobbleStore {
  /** Idempotent per id. */
  add(row: ScrobbleRow): Promise<void>;
  /** The account's scrobbles with one of `visibilities`, paged by id (see {@link IdPage}). */
  list(accountId: string, visibilities: readonly ScrobbleRow["visibility"][], page: IdPage): Promise<ScrobbleRow[]>;
}
