import type { Entity } from "../../ports/host.js";
import type { Outcome } from "../../result.js";
import type { ServiceDeps } from "../index.js";
import { FavouritesService } from "../favourites/favourites-service.js";
import { ImportsService } from "../imports/imports-service.js";
import { ProfileMediaService } from "../profile-media/profile-media-service.js";
import { ScrobblesService } from "../scrobbles/scrobbles-service.js";
import { SubscriptionsService } from "../subscriptions/subscriptions-service.js";
import { StatusEventsService } from "../timelines/status-events-service.js";
import { ConversationsService } from "./conversations-service.js";

/** The services of the conversations/favourites/subscriptions/imports/profile-media/scrobbles slice. */
export interface Issue6Services {
  readonly conversations: ConversationsService;
  readonly favourites: FavouritesService;
  readonly subscriptions: SubscriptionsService;
  readonly imports: ImportsService;
  readonly profileMedia: ProfileMediaService;
  readonly scrobbles: ScrobblesService;
  /** Call after storing every new status: conversations and subscriber notifications. */
  readonly statusEvents: StatusEventsService;
}

/**
 * Builds the slice's services. `renderStatuses` is core's StatusRenderer, late-bound because the
 * renderer is built after the services that need it.
 */
export function createIssue6Services(
  deps: ServiceDeps,
  renderStatuses: (ids: readonly string[], viewerId: string | null) => Outcome<Map<string, Entity>>,
): Issue6Services {
  const conversations = new ConversationsService({ store: deps.store.conversations, host: deps.host, clock: deps.clock, renderStatuses });
  const subscriptions = new SubscriptionsService(deps.host);
  return {
    conversations,
    favourites: new FavouritesService({ host: deps.host, renderStatuses }),
    subscriptions,
    imports: new ImportsService({
      store: deps.store.imports,
      host: deps.host,
      jobs: deps.jobs,
      clock: deps.clock,
      ids: deps.ids,
      logger: deps.logger,
    }),
    profileMedia: new ProfileMediaService({ store: deps.store.profileMedia, host: deps.host, files: deps.files, config: deps.config }),
    scrobbles: new ScrobblesService({ store: deps.store.scrobbles, host: deps.host, clock: deps.clock, ids: deps.ids, config: deps.config }),
    statusEvents: new StatusEventsService(conversations, subscriptions),
  };
}
