import { resolveConfig, type KitConfig, type KitConfigInput } from "./config.js";
import { consoleLogger, flakeIds, systemClock } from "./defaults.js";
import { noGuards } from "./http/authenticate.js";
import { createFetchHandler, type PleromaFetch } from "./http/fetch-handler.js";
import type { RouteDefinition } from "./http/route.js";
import { routes as libraryRoutes } from "./http/routes/index.js";
import type { Entity, HostPorts } from "./ports/host.js";
import type { Clock, IdGenerator, Logger } from "./ports/infrastructure.js";
import type { PleromaStore } from "./ports/store.js";
import type { FileStore } from "./ports/files.js";
import type { JobQueue } from "./ports/jobs.js";
import type { ChangeSignals, Locks } from "./ports/coordination.js";
import type { Mailer } from "./ports/mail.js";
import { memoryFileStore } from "./files/memory-file-store.js";
import { inProcessJobs } from "./jobs/in-process-jobs.js";
import { memoryMailer } from "./mail/memory-mailer.js";
import type { EmojiCatalog } from "./ports/emoji-catalog.js";
import { createServices, type Services } from "./services/index.js";
import { logEndpointReport, planEndpoints, type EndpointReport, type RouteSwitches } from "./http/endpoint-plan.js";
import { missingRequired } from "./http/host-needs.js";
import type { AuthorizationPolicy } from "./http/authorization-policy.js";
import { secondFactorService, type SecondFactor } from "./services/mfa/second-factor.js";
import { inboundHooks, statusDecorator, type InboundHooks } from "./kit-hooks.js";
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
  /**
   * Where library files live (pack files, backups). Required with a persistent store (see
   * `PleromaStore.persistent`): pass `localFileStore(dir)`, or `memoryFileStore()` on purpose.
   * Defaults to memory only when the store is in memory too.
   */
  readonly files?: FileStore;
  /** Background jobs (backups, imports). Default: run in this process. */
  readonly jobs?: JobQueue;
  /**
   * Locks shared by every instance (pack edits take one per pack). Default: this process only;
   * several instances on one files volume need a shared implementation (docs/scaling.md).
   */
  readonly locks?: Locks;
  /** Change signals between instances (the emoji catalog re-reads on a pack change). Default: this process only. */
  readonly signals?: ChangeSignals;
  /** Outgoing mail. Default: kept in memory, never sent. */
  readonly mailer?: Mailer;
  /**
   * More routes run through the same pipeline (auth, parsing, errors): a host's own endpoints,
   * like the reference host's Mastodon routes. They are matched after the library's.
   */
  readonly extraRoutes?: (services: Services) => readonly RouteDefinition[];
  /**
   * Route switches by library route name (docs/endpoints.md): `false` leaves the paths to the host,
   * a route definition replaces the library's. Unknown names throw. See docs/embedding.md.
   *
   * @example
   * routes: { "reactions.add": false, "instance.emoji": myEmojiRoute }
   */
  readonly routes?: RouteSwitches;
  /**
   * Maps the host's principal to roles and decides scope checks (docs/embedding.md has a
   * single-user example). Default: the principal's `isAdmin`/`isModerator` and Akkoma's scope rules.
   */
  readonly authorization?: AuthorizationPolicy;
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
  /** Every route matched, library routes first (switched-off routes are absent). */
  readonly routes: readonly RouteDefinition[];
  /**
   * Every endpoint with its status: served, replaced, disabled (route switch) or not-implemented
   * (a host-port method it needs is missing, with the reason). Logged once at start-up.
   */
  endpoints(): readonly EndpointReport[];
  /**
   * The second factor for the host's own login flow (is MFA on, verify a code, start and finish a
   * challenge); docs/embedding.md has a worked example.
   */
  readonly secondFactor: SecondFactor;
  /**
   * Adds `emoji_reactions` (top level and `pleroma`) to Status JSON the host's own serializers
   * produced, for a whole response at once (one store query); the statuses' reblogs too. Call it
   * once per response, after serializing. Rejects on storage failure.
   *
   * @example
   * return c.json(await kit.decorateStatuses(viewer?.id ?? null, statuses.map(serializeStatus)));
   */
  decorateStatuses(viewerId: string | null, statuses: readonly Entity[]): Promise<Entity[]>;
  /** What the host's inbox received: remote reactions, their Undo, incoming statuses (docs/embedding.md). */
  readonly inbound: InboundHooks;
  /** Handles a Fetch request; null when the request is not for pleroma-kit. */
  readonly fetch: PleromaFetch;
  /**
   * Marks backups and imports abandoned by a stopped process failed (and deletes their partial
   * files) so users can retry at once. Call at start-up and every few seconds; see docs/scaling.md.
   */
  recoverJobs(): Promise<{ backups: number; imports: number }>;
}

const MISSING_FILES =
  "createPleromaKit: this store keeps its state across restarts but no file store was given, so backups and emoji pack files " +
  "would be kept in memory and lost on restart while the store still lists them. Pass `files: localFileStore(dir)` " +
  "(from @pleroma-kit/core), or `files: memoryFileStore()` if losing them is what you want.";

/**
 * Builds the library: services over your ports, and one `fetch` that every binding calls.
 *
 * @example
 * import { pleromaKit } from "@pleroma-kit/express";
 * const kit = createPleromaKit({ baseUrl: "https://social.example", store, host, files: localFileStore(dir) });
 * app.use(pleromaKit(kit));
 *
 * @throws Error when `store` is persistent and `files` is not given (see `PleromaStore.persistent`).
 */
export function createPleromaKit(options: PleromaKitOptions): PleromaKit {
  if (options.files === undefined && options.store.persistent !== false) throw new Error(MISSING_FILES);
  const absent = missingRequired(options.host ?? ({} as HostPorts));
  if (absent.length > 0) {
    throw new Error(`createPleromaKit: the host port lacks required methods: ${absent.map((m) => `host.${m}`).join(", ")}`);
  }
  const config = resolveConfig(options);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger();
  const files = options.files ?? memoryFileStore();
  const packLibrary = new PackLibrary(options.packs?.files ?? files, {
    logger,
    ...(options.locks ? { locks: options.locks } : {}),
    ...(options.signals ? { signals: options.signals } : {}),
  });
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
  const plan = planEndpoints(libraryRoutes, options.extraRoutes?.(services) ?? [], options.routes ?? {}, options.host);
  const routes = plan.routes;
  logEndpointReport(logger, plan.report);
  const handle = createFetchHandler({ routes, services, config, host: options.host, guards: options.accountSecurity?.disableGuards ? noGuards : accountSecurityGuards(services, options.host), logger, ...(options.authorization ? { authorization: options.authorization } : {}) });
  const scope = options.host.requestScope;
  const fetch: PleromaFetch = scope ? (request, hints) => scope(() => handle(request, hints)) : handle;
  const recoverJobs = async () => ({ backups: await services.backups.recover(), imports: await services.imports.recover() });
  const secondFactor = secondFactorService(services.mfa, services.loginChallenge);
  return {
    config,
    services,
    routes,
    fetch,
    secondFactor,
    endpoints: () => plan.report,
    decorateStatuses: statusDecorator(services),
    inbound: inboundHooks(services),
    recoverJobs,
  };
}
