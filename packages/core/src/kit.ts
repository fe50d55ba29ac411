import { resolveConfig, type KitConfig, type KitConfigInput } from "./config.js";
import { consoleLogger, flakeIds, systemClock } from "./defaults.js";
import { noGuards } from "./http/authenticate.js";
import { createFetchHandler, type PleromaFetch } from "./http/fetch-handler.js";
import type { RouteDefinition } from "./http/route.js";
import { routes as libraryRoutes } from "./http/routes/index.js";
import type { HostPorts } from "./ports/host.js";
import type { Clock, IdGenerator, Logger } from "./ports/infrastructure.js";
import type { PleromaStore } from "./ports/store.js";
import type { FileStore } from "./ports/files.js";
import type { JobQueue } from "./ports/jobs.js";
import type { Mailer } from "./ports/mail.js";
import { memoryFileStore } from "./files/memory-file-store.js";
import { inProcessJobs } from "./jobs/in-process-jobs.js";
import { memoryMailer } from "./mail/memory-mailer.js";
import type { EmojiCatalog } from "./ports/emoji-catalog.js";
import { createServices, type Services } from "./services/index.js";
import { accountSecurityGuards } from "./http/account-security-guards.js";
import type { AccountSecurityOptions } from "./services/mfa/account-security-options.js";
import type { BackupOptions } from "./services/backups/backups-service.js";
import type { HttpClient } from "./ports/http-client.js";
import { guardedHttpClient } from "./net/guarded-http-client.js";
import type { EmojiPackLimits } from "./services/emoji-packs/emoji-packs-service.js";
import { PackLibrary } from "./services/emoji-packs/pack-library.js";
import { packEmojiCatalog } from "./services/emoji-packs/pack-emoji-catalog.js";

/**
 * What `createPleromaKit` takes: the instance settings (`baseUrl`, limits; see `KitConfigInput`),
 * the two required port sets (`store`, `host`) and optional overrides for everything else, each
 * with a default named at the field.
 *
 * @example
 * const kit = createPleromaKit({
 *   baseUrl: "https://social.example",
 *   store: createSqlStore(db, { dialect: "postgres" }),
 *   host,
 *   files: localFileStore("/var/lib/social/pleroma-kit"),
 *   extraRoutes: () => mastodonConversationRoutes,
 * });
 */
export interface PleromaKitOptions extends KitConfigInput {
  /** The library's own state (memory or SQL store). */
  readonly store: PleromaStore;
  /** What the host server owns. */
  readonly host: HostPorts;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly logger?: Logger;
  /** Custom emoji source; defaults to the live emoji packs (see `packs`). */
  readonly emoji?: EmojiCatalog;
  /** Where library files live (pack files, backups). Default: in memory. */
  readonly files?: FileStore;
  /** Background jobs (backups, imports). Default: run in this process. */
  readonly jobs?: JobQueue;
  /** Outgoing mail. Default: kept in memory, never sent. */
  readonly mailer?: Mailer;
  /**
   * More routes run through the same pipeline (auth, parsing, errors): a host's own endpoints,
   * like the reference host's Mastodon routes. They are matched after the library's.
   */
  readonly extraRoutes?: (services: Services) => readonly RouteDefinition[];
  /** MFA, attempt limits, captcha (provider, shared secret) and account-security settings. */
  readonly accountSecurity?: AccountSecurityOptions;
  /** Backup settings: period between exports, days kept, job timeout, page size. */
  readonly backups?: BackupOptions;
  /**
   * Emoji packs. Without an `emoji` option the custom emoji list and reactions read the live pack
   * state. `files` defaults to the kit's `files`; `http` to `guardedHttpClient()` (pass one with an
   * `allow` list to reach instances on a private network or loopback).
   */
  readonly packs?: {
    readonly files?: FileStore;
    readonly http?: HttpClient;
    readonly limits?: Partial<EmojiPackLimits>;
    /** How long a pack change made outside this process may stay unseen. Default 5 s. */
    readonly catalogTtlMs?: number;
  };
}

/** A built kit: its resolved config, the services, every route and the one `fetch` handler. */
export interface PleromaKit {
  readonly config: KitConfig;
  readonly services: Services;
  /** Every route served, library routes first. */
  readonly routes: readonly RouteDefinition[];
  /** Handles a Fetch request; null when the request is not for pleroma-kit. */
  readonly fetch: PleromaFetch;
}

/**
 * Builds the library: services over your ports, and one `fetch` that every binding calls.
 *
 * @example
 * const kit = createPleromaKit({ baseUrl: "https://social.example", store, host });
 * app.use(pleromaKitExpress(kit));
 */
export function createPleromaKit(options: PleromaKitOptions): PleromaKit {
  const config = resolveConfig(options);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger();
  const files = options.files ?? memoryFileStore();
  const packLibrary = new PackLibrary(options.packs?.files ?? files, { logger });
  // Pack installs cut short by a crash leave staging behind; remove it (in the background: only
  // staging older than now less 2 s, so installs of live processes are left alone).
  void packLibrary.sweepStaging(new Date(Date.now() - 2000)).catch((error: unknown) => {
    logger.warn("could not sweep stale emoji pack staging", { error: error instanceof Error ? error.message : String(error) });
  });
  const emoji =
    options.emoji ??
    packEmojiCatalog(packLibrary, options.packs?.catalogTtlMs === undefined ? {} : { ttlMs: options.packs.catalogTtlMs });
  const services = createServices({
    config,
    store: options.store,
    host: options.host,
    clock,
    ids: options.ids ?? flakeIds(clock),
    logger,
    emoji,
    files,
    jobs: options.jobs ?? inProcessJobs({ logger }),
    mailer: options.mailer ?? memoryMailer(),
    accountSecurity: options.accountSecurity,
    backups: options.backups,
    packLibrary,
    http: options.packs?.http ?? guardedHttpClient(),
    ...(options.packs?.limits ? { packLimits: options.packs.limits } : {}),
  });
  const routes = [...libraryRoutes, ...(options.extraRoutes?.(services) ?? [])];
  const fetch = createFetchHandler({ routes, services, config, host: options.host, guards: options.accountSecurity?.disableGuards ? noGuards : accountSecurityGuards(services, options.host), logger });
  return { config, services, routes, fetch };
}
