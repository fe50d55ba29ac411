/**
 * What the host-port contract suite needs from a host: its `HostPorts` and a few ways to create
 * the facts the ports are checked against, written with the host's own code (its sign-up, its
 * posting, its follow), so the suite tests the ports over the host's real tables.
 */
import type { HostPorts } from "@pleroma-kit/core";

/** Visibilities the suite posts with. */
export type FixtureVisibility = "public" | "unlisted" | "private" | "direct";

/** One fresh host for one test group; see {@link runHostPortContract}. */
export interface HostPortFixture {
  readonly ports: HostPorts;
  /** Creates an active local account (nicknames are unique per fixture); answers its id. */
  addAccount(nickname: string): Promise<string>;
  /** An OAuth access token of `userId` with `scopes`, as `auth.authenticateToken` accepts it. */
  issueToken(userId: string, scopes: readonly string[]): Promise<string>;
  /** Posts a status by `authorId`; `mentions` are account ids it is addressed to. Answers its id. */
  addStatus(authorId: string, options: { visibility: FixtureVisibility; text?: string; mentions?: readonly string[] }): Promise<string>;
  follow(followerId: string, targetId: string): Promise<void>;
  block(blockerId: string, targetId: string): Promise<void>;
  mute(muterId: string, targetId: string): Promise<void>;
  /** Deactivates the account (as an admin or the user would). */
  deactivate(userId: string): Promise<void>;
  /** Releases what the fixture opened (a database). */
  close?(): Promise<void>;
}

/** Makes a fresh fixture; called once per test group. */
export type MakeHostFixture = () => Promise<HostPortFixture> | HostPortFixture;
