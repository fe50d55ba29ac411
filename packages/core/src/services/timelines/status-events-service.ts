import { fromPort, type Outcome } from "../../result.js";
import type { Visibility } from "../../ports/host.js";
import type { ConversationsService } from "../conversations/conversations-service.js";
import type { SubscriptionsService } from "../subscriptions/subscriptions-service.js";

/**
 * A status the host has just stored, as the library needs to know it. The host calls
 * `services.onStatusCreated(status)` (or `conversations.onStatusCreated`) for every new status, local
 * or incoming, after storing it.
 */
export interface CreatedStatus {
  readonly id: string;
  readonly authorId: string;
  readonly visibility: Visibility;
  /** The thread key (Pleroma's `context`): the same for every status of one thread. */
  readonly context: string;
  readonly inReplyToId: string | null;
  /** Account ids the status is addressed to (mentions; direct recipients), author excluded. */
  readonly recipientIds: readonly string[];
  readonly createdAt: Date;
}

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
