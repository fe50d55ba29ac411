/**
 * Everything the host provides, as one object. The reference host in
 * `@pleroma-kit/reference-host` implements every port and is the worked example for a real server;
 * docs/host-ports.md says which endpoint needs which method.
 */
import type { Authenticator } from "./auth.js";
import type { HostAccounts } from "./accounts.js";
import type { HostStatuses } from "./statuses.js";
import type { HostRelationships } from "./relationships.js";
import type { HostNotifications } from "./notifications.js";
import type { HostFederation } from "./federation.js";
import type { HostAccountSecurity } from "./account-security.js";
import type { HostBackupSource } from "./backup-source.js";
import type { HostFavourites } from "./favourites.js";
import type { HostSubscriptions } from "./subscriptions.js";
import type { HostRelationImports } from "./relation-imports.js";
import type { HostProfileImages } from "./profile-images.js";

/**
 * Everything the host provides; `createPleromaKit({ host })` takes it. Required ports serve the
 * core endpoints (reactions, conversations, notifications); each optional one switches on the
 * endpoints that need it.
 *
 * @example
 * const host: HostPorts = { auth, accounts, statuses, relationships, notifications, federation };
 */
export interface HostPorts {
  readonly auth: Authenticator;
  readonly accounts: HostAccounts;
  readonly statuses: HostStatuses;
  readonly relationships: HostRelationships;
  readonly notifications: HostNotifications;
  readonly federation: HostFederation;
  /**
   * Password checks and account-level actions, each method optional: an endpoint whose method is
   * missing answers 404 "Not implemented" (docs/embedding.md has the table).
   */
  readonly accountSecurity?: HostAccountSecurity;
  /** The user's data for account backups; without it the backup endpoints answer "Not implemented". */
  readonly backupSource?: HostBackupSource;
  // Without one of these the endpoints that need it answer 404 "Not implemented".
  readonly favourites?: HostFavourites;
  readonly subscriptions?: HostSubscriptions;
  readonly relationImports?: HostRelationImports;
  readonly profileImages?: HostProfileImages;
  /**
   * Runs the handling of one request (the kit's `fetch`), so a host can keep per-request state,
   * typically an `AsyncLocalStorage` cache that loads each account row once per request. Without
   * it requests run as they are.
   */
  readonly requestScope?: <T>(run: () => Promise<T>) => Promise<T>;
}
