/** The host's accounts, as the library reads them. */
import type { Entity } from "./entity.js";

/** The facts about an account the library decides on. */
export interface HostAccount {
  readonly id: string;
  readonly nickname: string;
  readonly isLocal: boolean;
  readonly isActive: boolean;
  readonly email?: string | null;
}

/**
 * Read access to the host's accounts (local and known remote). Read-only and safe to call
 * concurrently; every batch method answers in one round trip to the host's storage, since the
 * library calls it once per page it renders.
 *
 * @example
 * const accounts = await host.accounts.render(["1", "2"], viewerId); // Map { "1" => {...}, "2" => {...} }
 */
export interface HostAccounts {
  /** The account with that id, active or not; null when unknown. */
  get(id: string): Promise<HostAccount | null>;
  /** Of `ids`, the accounts that exist and are active (not deactivated or deleted). One batch. */
  activeAmong(ids: readonly string[]): Promise<Set<string>>;
  /** Finds a local or known remote account by `nick` or `nick@domain`. */
  findByNickname(nickname: string): Promise<HostAccount | null>;
  /**
   * Renders Mastodon Account entities for `viewerId` (null = anonymous), one batch. Ids that are
   * unknown, deactivated or invisible to the viewer are absent from the map.
   */
  render(ids: readonly string[], viewerId: string | null): Promise<Map<string, Entity>>;
}
