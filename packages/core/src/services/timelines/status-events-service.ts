import { fromPort, type Outcome } from "../../result.js";
import type { ConversationsService, CreatedStatus } from "../conversations/conversations-service.js";
import type { SubscriptionsService } from "../subscriptions/subscriptions-service.js";

/**
 * The one hook a host calls after storing a new status (local or incoming): it indexes the status
 * for conversations and notifies subscribers. Both run even when one fails; the first failure is
 * returned.
 */
export class StatusEventsService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  onStatusCreated(status: CreatedStatus): Outcome<void> {
    return fromPort(async () => {
      const results = await Promise.all([this.conversations.onStatusCreated(status), this.subscriptions.onStatusCreated(status)]);
      for (const r of results) if (r.isErr()) throw r.error;
    });
  }
}
