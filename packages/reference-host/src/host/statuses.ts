/** Statuses: posting (mentions, replies, threads), deleting, favouriting, visibility. */
import type { Visibility } from "@pleroma-kit/core";
import type { HostContext } from "../host-context.js";
import type { StatusRow } from "../host-data.js";
import { mentionedHandles } from "../status-text.js";
import { visibleRows } from "../visibility.js";
import { audience, type Publisher } from "./activities.js";
import { plainNotification, type NotifyFn } from "./notify.js";

/** What `statuses.post` takes. `content` is the plain text the author typed. */
export interface NewPost {
  readonly authorId: string;
  readonly content: string;
  readonly visibility: Visibility;
  readonly inReplyToId?: string | null;
  /** Extra addressees; `@nick` mentions in `content` are added. */
  readonly mentionIds?: readonly string[];
  /** When set, only these are addressed: text mentions are not resolved (conversation replies). */
  readonly addressOnly?: readonly string[];
  /** Joins an existing thread (e.g. a conversation's) when there is no parent. */
  readonly contextId?: string;
  readonly spoilerText?: string;
  readonly sensitive?: boolean;
}

/** The host's `statuses`. */
export interface HostStatusOperations {
  /**
   * Posts a status: resolves `@nick` mentions of known accounts, addresses a reply's parent
   * author, joins the parent's thread, notifies the mentioned and publishes a `Create`.
   */
  post(input: NewPost): Promise<StatusRow>;
  /** Deletes a status if `byUserId` wrote it or is staff; answers the deleted row, else null. */
  delete(statusId: string, byUserId: string): Promise<StatusRow | null>;
  /** Favourites a visible status; notifies the author and publishes a `Like` the first time. */
  favourite(userId: string, statusId: string): Promise<boolean>;
  unfavourite(userId: string, statusId: string): Promise<boolean>;
  /** Of `rows`, those `viewerId` may see. */
  visible(rows: readonly StatusRow[], viewerId: string | null): Promise<StatusRow[]>;
}

export function createStatusOperations(
  deps: Pick<HostContext, "data" | "clock" | "ids"> & { notify: NotifyFn; publisher: Pick<Publisher, "publish" | "activityId"> },
): HostStatusOperations {
  const { data, clock, ids, notify } = deps;
  const { publish, activityId } = deps.publisher;

  /** Who a new status addresses: exactly `addressOnly`, or mentions, extra ids and the parent's author. */
  async function addressees(input: NewPost, parent: StatusRow | null): Promise<string[]> {
    if (input.addressOnly) return [...new Set(input.addressOnly)];
    const handles = mentionedHandles(input.content);
    const found = await Promise.all(handles.map((h) => data.users.byNickname(h)));
    return [
      ...new Set([
        ...(input.mentionIds ?? []),
        ...found.flatMap((u) => (u && u.isActive ? [u.id] : [])),
        ...(parent ? [parent.authorId] : []),
      ]),
    ];
  }

  return {
    async post(input) {
      const parent = input.inReplyToId ? await data.statuses.byId(input.inReplyToId) : null;
      const mentionIds = (await addressees(input, parent)).filter((id) => id !== input.authorId);
      const id = ids.next();
      const row = await data.statuses.create({
        id,
        authorId: input.authorId,
        content: input.content,
        spoilerText: input.spoilerText ?? "",
        visibility: input.visibility,
        inReplyToId: parent?.id ?? null,
        contextId: parent?.contextId ?? input.contextId ?? id,
        mentionIds,
        sensitive: input.sensitive ?? false,
        createdAt: clock.now(),
      });
      for (const userId of mentionIds) await notify(plainNotification(userId, "mention", row.authorId, row.id));
      await publish({ type: "Create", id: activityId(), actorId: row.authorId, object: row.id, ...audience(row) });
      return row;
    },
    async delete(statusId, byUserId) {
      const [row, actor] = await Promise.all([data.statuses.byId(statusId), data.users.byId(byUserId)]);
      if (!row || !actor) return null;
      if (row.authorId !== byUserId && !actor.isAdmin && !actor.isModerator) return null;
      if (!(await data.statuses.delete(statusId))) return null;
      await publish({ type: "Delete", id: activityId(), actorId: byUserId, object: row.id, ...audience(row) });
      return row;
    },
    async favourite(userId, statusId) {
      const row = await data.statuses.byId(statusId);
      if (!row) return false;
      const added = await data.favourites.add(userId, statusId, clock.now());
      if (added) {
        await notify(plainNotification(row.authorId, "favourite", userId, statusId));
        await publish({ type: "Like", id: activityId(), actorId: userId, object: statusId, to: [row.authorId], cc: [] });
      }
      return added;
    },
    async unfavourite(userId, statusId) {
      const removed = await data.favourites.remove(userId, statusId);
      if (removed) await publish({ type: "Undo", id: activityId(), actorId: userId, object: { type: "Like", object: statusId }, to: [], cc: [] });
      return removed;
    },
    visible: (rows, viewerId) => visibleRows(data, rows, viewerId),
  };
}
