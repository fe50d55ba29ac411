/**
 * The library's whole state as one object. Implementations: store-memory's `memory-store.ts`
 * (`createMemoryStore()`), store-sql's `sql-store.ts` (`createSqlStore(db, options)`); contract: testkit's
 * `runStoreContract`, which every store (a host's own too) must pass whole.
 */
import type { AccountSettingsStore } from "./account-settings.js";
import type { AttemptStore } from "./attempts.js";
import type { BackupStore } from "./backups.js";
import type { CaptchaStore } from "./captcha.js";
import type { ConversationStore } from "./conversations.js";
import type { ImportStore } from "./imports.js";
import type { MfaStore } from "./mfa.js";
import type { ProfileMediaStore } from "./profile-media.js";
import type { ReactionStore } from "./reactions.js";
import type { ScrobbleStore } from "./scrobbles.js";

/** Store health, for the healthcheck endpoint. */
export interface StoreHealth {
  /** Probes the store (e.g. `SELECT 1`); throws or returns false when unhealthy. */
  ping(): Promise<boolean>;
  /** Connection pool figures when the store has a pool. */
  pool?(): Promise<{ size: number; active: number; idle: number }>;
}

/**
 * The library-owned state ports, as one object; `createPleromaKit({ store })` takes it. Stores
 * return null for "not found" and throw only on infrastructure failure. Each method's doc states
 * its concurrency promise; a store that several app instances share (the SQL store) keeps it
 * across them, while the memory store's state lives in one process.
 * Domains add their port here.
 *
 * @example
 * const kit = createPleromaKit({ baseUrl, host, store: createSqlStore(db, { dialect: "postgres" }), files: localFileStore(dir) });
 */
export interface PleromaStore {
  /**
   * Whether this state outlives the process. `false` (the memory store) means it is lost on
   * restart; anything else (the SQL store says `true`; a store that says nothing counts too) means
   * it survives, so `createPleromaKit` then requires an explicit `files` store: backups and pack
   * files in the default in-memory file store would vanish while these rows still point at them.
   */
  readonly persistent?: boolean;
  readonly reactions: ReactionStore;
  readonly health: StoreHealth;
  /** TOTP secrets, used steps, backup code hashes and login challenges. */
  readonly mfa: MfaStore;
  /** The attempt limiter's counters. */
  readonly attempts: AttemptStore;
  /** Used captcha tokens. */
  readonly captcha: CaptchaStore;
  /** Aliases and notification settings. */
  readonly accountSettings: AccountSettingsStore;
  /** Optional so stores written before backups existed still type-check; without it backups are off. */
  readonly backups?: BackupStore;
  readonly conversations: ConversationStore;
  readonly imports: ImportStore;
  readonly profileMedia: ProfileMediaStore;
  readonly scrobbles: ScrobbleStore;
}
