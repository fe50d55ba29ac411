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
import { BackupsService, type BackupOptions } from "./backups/backups-service.js";

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
  /** Backup settings (limit, expiry, timeout); Akkoma's defaults when absent. */
  readonly backups?: BackupOptions;
}

export interface Services {
  readonly reactions: ReactionsService;
  readonly statuses: StatusRenderer;
  readonly customEmoji: CustomEmojiService;
  readonly notifications: NotificationsService;
  readonly health: HealthService;
  readonly backups: BackupsService;
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
  return {
    reactions,
    statuses,
    customEmoji: new CustomEmojiService(deps.emoji, deps.config),
    notifications: new NotificationsService(deps.host.notifications),
    health: new HealthService(deps.store.health, () => deps.jobs.stats()),
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
  };
}
