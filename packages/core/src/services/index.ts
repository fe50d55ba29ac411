/**
 * The service container: every domain service, built once from the ports. Domains add one
 * field to {@link Services} and one line to {@link createServices}.
 */
import type { KitConfig } from "../config.js";
import type { Clock, IdGenerator, Logger } from "../ports/infrastructure.js";
import type { HostPorts } from "../ports/host.js";
import type { PleromaStore } from "../ports/store.js";
import type { FileStore } from "../ports/files.js";
import type { JobQueue, Mailer } from "../ports/jobs.js";
import type { EmojiCatalog } from "./emoji/emoji-catalog.js";
import { CustomEmojiService } from "./emoji/custom-emoji-service.js";
import { HealthService } from "./health/health-service.js";
import { NotificationsService } from "./notifications/notifications-service.js";
import { ReactionsService } from "./reactions/reactions-service.js";
import { StatusRenderer } from "./statuses/status-renderer.js";
import { ConversationsService } from "./conversations/conversations-service.js";
import { FavouritesService } from "./favourites/favourites-service.js";
import { ImportsService } from "./imports/imports-service.js";
import { ProfileMediaService } from "./profile-media/profile-media-service.js";
import { ScrobblesService } from "./scrobbles/scrobbles-service.js";
import { SubscriptionsService } from "./subscriptions/subscriptions-service.js";
import { StatusEventsService } from "./timelines/status-events-service.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { resolveAccountSecurityOptions, type AccountSecurityOptions } from "./mfa/account-security-options.js";
import { AttemptLimiter } from "./mfa/attempt-limiter.js";
import { PasswordCheck } from "./mfa/password-check.js";
import { MfaService } from "./mfa/mfa-service.js";
import { LoginChallengeService } from "./mfa/login-challenge.js";
import { CaptchaService } from "./captcha/captcha-service.js";
import { nativeCaptcha } from "./captcha/native-captcha.js";
import { AccountSecurityService } from "./account-security/account-security-service.js";
import { BackupsService, type BackupOptions } from "./backups/backups-service.js";
import type { HttpClient } from "../ports/http-client.js";
import { guardedHttpClient } from "../net/guarded-http-client.js";
import { AdminConfigService } from "./admin-config/admin-config-service.js";
import { EmojiPacksService, type EmojiPackLimits } from "./emoji-packs/emoji-packs-service.js";
import { PackLibrary } from "./emoji-packs/pack-library.js";

export interface ServiceDeps {
  readonly config: KitConfig;
  readonly store: PleromaStore;
  readonly host: HostPorts;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly emoji: EmojiCatalog;
  readonly files: FileStore;
  readonly jobs: JobQueue;
  readonly mailer: Mailer;
  /** MFA, attempt limits, captcha and account-security settings. */
  readonly accountSecurity?: AccountSecurityOptions;
  /** Backup settings (limit, expiry, timeout); Akkoma's defaults when absent. */
  readonly backups?: BackupOptions;
  /** Pack state; default: a library over `files`. Shared with the emoji catalog when the kit builds both. */
  readonly packLibrary?: PackLibrary;
  /** Client for every remote fetch; default: `guardedHttpClient()`. */
  readonly http?: HttpClient;
  readonly packLimits?: Partial<EmojiPackLimits>;
}

export interface Services {
  readonly reactions: ReactionsService;
  readonly statuses: StatusRenderer;
  readonly customEmoji: CustomEmojiService;
  readonly notifications: NotificationsService;
  readonly health: HealthService;
  /** Per-account attempt limits over the store (password and second-factor checks). */
  readonly attempts: AttemptLimiter;
  /** The shared password check of password-protected actions. */
  readonly passwordCheck: PasswordCheck;
  readonly mfa: MfaService;
  /** The login second-factor challenge (`mfa_token`), for the host's password grant. */
  readonly loginChallenge: LoginChallengeService;
  readonly captcha: CaptchaService;
  readonly accountSecurity: AccountSecurityService;
  readonly backups: BackupsService;
  readonly emojiPacks: EmojiPacksService;
  /** The read-only admin configuration admin-fe reads (the emoji group). */
  readonly adminConfig: AdminConfigService;
  readonly conversations: ConversationsService;
  readonly favourites: FavouritesService;
  readonly subscriptions: SubscriptionsService;
  readonly imports: ImportsService;
  readonly profileMedia: ProfileMediaService;
  readonly scrobbles: ScrobblesService;
  /** Call after storing every new status: conversations and subscriber notifications. */
  readonly statusEvents: StatusEventsService;
}

export function createServices(deps: ServiceDeps): Services {
  // The renderer and reactions need each other: reactions return rendered statuses, the
  // renderer embeds reaction maps. The late-bound closure breaks the cycle.
  let statuses: StatusRenderer;
  const reactions = new ReactionsService({
    store: deps.store.reactions,
    host: deps.host,
    emoji: deps.emoji,
    config: deps.config,
    clock: deps.clock,
    ids: deps.ids,
    renderStatus: (id, viewerId) => statuses.renderOne(id, viewerId),
  });
  statuses = new StatusRenderer(deps.host.statuses, reactions);
  const renderStatuses = (ids: readonly string[], viewerId: string | null) => statuses.render(ids, viewerId);
  const conversations = new ConversationsService({ store: deps.store.conversations, host: deps.host, clock: deps.clock, renderStatuses });
  const subscriptions = new SubscriptionsService(deps.host);
  const securityOptions = resolveAccountSecurityOptions(deps.accountSecurity, deps.config.localHost);
  const attempts = new AttemptLimiter(deps.store.attempts, deps.clock);
  const passwordCheck = new PasswordCheck(deps.host.accountSecurity, attempts, securityOptions);
  const mfa = new MfaService({ store: deps.store.mfa, clock: deps.clock, limiter: attempts, password: passwordCheck, options: securityOptions });
  const captchaOptions = deps.accountSecurity?.captcha;
  const captchaProvider =
    captchaOptions?.enabled === false
      ? null
      : (captchaOptions?.provider ??
        nativeCaptcha({ secret: captchaOptions?.secret ?? randomBytes(32), clock: deps.clock, secondsValid: captchaOptions?.secondsValid }));
  return {
    reactions,
    statuses,
    customEmoji: new CustomEmojiService(deps.emoji, deps.config),
    notifications: new NotificationsService(deps.host.notifications),
    health: new HealthService(deps.store.health, () => deps.jobs.stats()),
    conversations,
    subscriptions,
    favourites: new FavouritesService({ host: deps.host, renderStatuses }),
    imports: new ImportsService({ store: deps.store.imports, host: deps.host, jobs: deps.jobs, clock: deps.clock, ids: deps.ids, logger: deps.logger }),
    profileMedia: new ProfileMediaService({ store: deps.store.profileMedia, host: deps.host, files: deps.files, config: deps.config }),
    scrobbles: new ScrobblesService({ store: deps.store.scrobbles, host: deps.host, clock: deps.clock, ids: deps.ids, config: deps.config }),
    statusEvents: new StatusEventsService(conversations, subscriptions),
    attempts,
    passwordCheck,
    mfa,
    loginChallenge: new LoginChallengeService({ store: deps.store.mfa, clock: deps.clock, mfa, host: deps.host.accountSecurity, options: securityOptions }),
    captcha: new CaptchaService({ provider: captchaProvider, store: deps.store.captcha, clock: deps.clock, limiter: attempts }),
    accountSecurity: new AccountSecurityService({
      host: deps.host,
      settings: deps.store.accountSettings,
      password: passwordCheck,
      mfa,
      limiter: attempts,
      mailer: deps.mailer,
      jobs: deps.jobs,
      ids: deps.ids,
      logger: deps.logger,
      config: deps.config,
      options: securityOptions,
    }),
    backups: new BackupsService({
      store: deps.store.backups,
      files: deps.files,
      jobs: deps.jobs,
      mailer: deps.mailer,
      host: deps.host,
      clock: deps.clock,
      logger: deps.logger,
      config: deps.config,
      options: deps.backups,
    }),
    adminConfig: new AdminConfigService(),
    emojiPacks: new EmojiPacksService({
      library: deps.packLibrary ?? new PackLibrary(deps.files),
      http: deps.http ?? guardedHttpClient(),
      catalog: deps.emoji,
      logger: deps.logger,
      ...(deps.packLimits ? { limits: deps.packLimits } : {}),
    }),
  };
}

