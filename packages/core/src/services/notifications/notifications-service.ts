import { errAsync, okAsync } from "neverthrow";
import { appError } from "../../errors/index.js";
import type { Entity, HostNotifications } from "../../ports/host.js";
import { fromPort, type Outcome } from "../../result.js";
import { hostMethod } from "../shared/host-method.js";

/** Largest number of notifications `max_id` returns (accounts.md 11). */
export const READ_RESPONSE_LIMIT = 80;

/** `POST /api/v1/pleroma/notifications/read`: one by `id`, or every unread up to `max_id`. */
export class NotificationsService {
  constructor(private readonly notifications: HostNotifications) {}

  markOne(userId: string, id: string): Outcome<Entity> {
    return fromPort(() => hostMethod(this.notifications, "markOneRead")(userId, id)).andThen((n) =>
      n ? okAsync(n) : errAsync(appError("NOTIFICATION_NOT_FOUND")),
    );
  }

  markUpTo(userId: string, maxId: string): Outcome<Entity[]> {
    return fromPort(() => hostMethod(this.notifications, "markReadUpTo")(userId, maxId, READ_RESPONSE_LIMIT));
  }
}
