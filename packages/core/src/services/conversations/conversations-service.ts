import { errAsync, okAsync } from "neverthrow";
import { appError } from "../../errors/index.js";
import type { Clock } from "../../ports/infrastructure.js";
import type { Entity, HostPorts, IdPage } from "../../ports/host.js";
import type { ConversationStore, ParticipationRow, ParticipationTouch } from "../../ports/store.js";
import { fromPort, type Outcome } from "../../result.js";
import { clampLimit, pageOfVisible, visibleStatusIds } from "../timelines/visible-page.js";
import type { CreatedStatus } from "../timelines/status-events-service.js";

/** What a reply by `in_reply_to_conversation_id` must be posted as (content.md 3.4). */
export interface ConversationAddressing {
  readonly participationId: string;
  /** Always direct, whatever visibility the client asked for. */
  readonly visibility: "direct";
  /** The thread the reply joins, even without `in_reply_to_status_id`. */
  readonly context: string;
  /** The participation's recipients except the poster: the reply's `to`; `cc` is empty. */
  readonly to: readonly string[];
}

/** A page of a conversation's statuses, oldest first, with the ids the Link header needs. */
export interface ConversationStatusesPage {
  readonly statuses: Entity[];
  /** Oldest and newest id on the page; null when it is empty. */
  readonly bounds: { readonly oldest: string; readonly newest: string } | null;
}

export interface ConversationsDeps {
  readonly store: ConversationStore;
  readonly host: HostPorts;
  readonly clock: Clock;
  /** Core's StatusRenderer: host rendering plus the library's status fields. */
  readonly renderStatuses: (ids: readonly string[], viewerId: string | null) => Outcome<Map<string, Entity>>;
}

/**
 * Pleroma conversations (content.md 3): participations kept by the library, bumped when the host
 * reports a direct status; the Conversation entity; the conversation timeline; recipient edits; and
 * the addressing of replies by `in_reply_to_conversation_id`. Someone else's participation is
 * "Unknown conversation id" everywhere, including when posting (Akkoma does not check that).
 */
export class ConversationsService {
  constructor(private readonly deps: ConversationsDeps) {}

  /**
   * Indexes the status in its thread's conversation and, for a direct status, creates or bumps the
   * participation of every known account in the recipient set (content.md 3.1): unread for the
   * recipients, read for the author, created read and never reset for a participant who blocks
   * someone in the set. Call it for every status, not only direct ones: public replies in a
   * conversation's thread belong to its timeline.
   */
  onStatusCreated(status: CreatedStatus): Outcome<void> {
    const { store, host } = this.deps;
    const direct = status.visibility === "direct";
    return fromPort(async () => {
      const conversationId = await store.recordStatus(
        { context: status.context, statusId: status.id, authorId: status.authorId, direct, createdAt: status.createdAt },
        direct,
      );
      if (!direct || conversationId === null) return;
      const everyone = [...new Set([status.authorId, ...status.recipientIds])];
      const known = await host.accounts.activeAmong(everyone);
      const participants = everyone.filter((id) => known.has(id));
      const touches: ParticipationTouch[] = await Promise.all(
        participants.map(async (userId): Promise<ParticipationTouch> => {
          if (userId === status.authorId) return { userId, mode: "read" };
          const others = participants.filter((id) => id !== userId);
          const blocked = others.length > 0 ? await host.relationships.hiddenFor(userId, others, { includeMuted: true }) : new Set();
          return { userId, mode: blocked.size > 0 ? "quiet" : "unread" };
        }),
      );
      await store.touchParticipations(conversationId, touches, participants, this.deps.clock.now());
    });
  }

  /** `GET /api/v1/pleroma/conversations/:id`. */
  get(viewerId: string, participationId: string): Outcome<Entity> {
    return this.own(viewerId, participationId).andThen((p) => this.render(viewerId, p));
  }

  /**
   * `GET /api/v1/pleroma/conversations/:id/statuses`: every status of the thread the viewer may see
   * (not only direct ones), paged newest first and answered oldest first, as Akkoma does.
   */
  statuses(viewerId: string, participationId: string, page: Omit<IdPage, "limit"> & { limit?: number }): Outcome<ConversationStatusesPage> {
    const limit = clampLimit(page.limit);
    return this.own(viewerId, participationId).andThen((p) =>
      pageOfVisible(
        { ...page, limit },
        (cursor) => this.deps.store.statusIds(p.conversationId, cursor),
        (ids) => visibleStatusIds(this.deps.host, viewerId, ids),
      ).andThen((ids) => {
        const ascending = page.minId !== undefined ? ids : [...ids].reverse();
        return this.deps.renderStatuses(ascending, viewerId).map((rendered) => {
          const statuses = ascending.flatMap((id) => {
            const s = rendered.get(id);
            return s ? [s] : [];
          });
          const bounds = ascending.length > 0 ? { oldest: ascending[0]!, newest: ascending[ascending.length - 1]! } : null;
          return { statuses, bounds };
        });
      }),
    );
  }

  /**
   * `PATCH /api/v1/pleroma/conversations/:id`: replaces the recipients with the known accounts
   * among `recipientIds`, plus the owner (always kept). Recipients who block the owner are dropped,
   * as a direct message to someone who blocks you does not reach them. Does not bump or mark read.
   */
  updateRecipients(viewerId: string, participationId: string, recipientIds: readonly string[]): Outcome<Entity> {
    return this.own(viewerId, participationId).andThen((p) =>
      fromPort(async () => {
        const known = await this.deps.host.accounts.activeAmong(recipientIds);
        const candidates = [...new Set(recipientIds.filter((id) => id !== viewerId && known.has(id)))];
        const blocking = await Promise.all(
          candidates.map(async (id) => (await this.deps.host.relationships.hiddenFor(id, [viewerId], { includeMuted: true })).has(viewerId)),
        );
        const next = [viewerId, ...candidates.filter((_, i) => !blocking[i])];
        return this.deps.store.setRecipients(p.id, [...new Set(next)]);
      }).andThen((updated) => (updated ? this.render(viewerId, updated) : errAsync(appError("CONVERSATION_NOT_FOUND")))),
    );
  }

  /** `POST /api/v1/pleroma/conversations/read`: the conversations this call marked read. */
  markAllRead(viewerId: string): Outcome<Entity[]> {
    return fromPort(() => this.deps.store.markAllRead(viewerId)).andThen((rows) => this.renderMany(viewerId, rows));
  }

  /**
   * Mastodon's `GET /api/v1/conversations`: the viewer's participations, most recently updated
   * first; those without a visible direct status are omitted. `recipients` keeps only the
   * conversations whose recipient set is exactly the viewer plus those ids.
   */
  list(viewerId: string, options: { limit?: number; offset?: number; recipients?: readonly string[] } = {}): Outcome<Entity[]> {
    const limit = clampLimit(options.limit);
    const wanted = options.recipients && options.recipients.length > 0 ? new Set([viewerId, ...options.recipients]) : null;
    return fromPort(() => this.deps.store.participationsOf(viewerId, { limit: limit * 2, offset: options.offset ?? 0 }))
      .map((rows) =>
        wanted === null
          ? rows
          : rows.filter((r) => r.recipientIds.length === wanted.size && r.recipientIds.every((id) => wanted.has(id))),
      )
      .andThen((rows) => this.renderMany(viewerId, rows))
      .map((entities) => entities.filter((e) => e.last_status !== null).slice(0, limit));
  }

  /** Mastodon's `POST /api/v1/conversations/:id/read`: marks one read and moves it up the list. */
  markRead(viewerId: string, participationId: string): Outcome<Entity> {
    return this.own(viewerId, participationId).andThen((p) =>
      fromPort(() => this.deps.store.markRead(p.id, this.deps.clock.now())).andThen((row) =>
        row ? this.render(viewerId, row) : errAsync(appError("CONVERSATION_NOT_FOUND")),
      ),
    );
  }

  /** Mastodon's (Akkoma's) `DELETE /api/v1/conversations/:id`: removes the viewer's participation. */
  remove(viewerId: string, participationId: string): Outcome<Record<string, never>> {
    return this.own(viewerId, participationId).andThen((p) => fromPort(() => this.deps.store.deleteParticipation(p.id)).map(() => ({})));
  }

  /**
   * Resolves `in_reply_to_conversation_id` for a new status by `viewerId`: direct, addressed to the
   * participation's recipients, in its thread. Only the owner may use a participation: another
   * user's id, like an unknown one, is 404 `Unknown conversation id` and addresses no one (Akkoma
   * accepts any id, and silently ignores unknown ones, which would post publicly).
   */
  resolveConversationAddressing(viewerId: string, participationId: string): Outcome<ConversationAddressing> {
    return this.own(viewerId, participationId).map((p) => ({
      participationId: p.id,
      visibility: "direct" as const,
      context: p.context,
      to: p.recipientIds.filter((id) => id !== viewerId),
    }));
  }

  /**
   * The viewer's participation id for a thread: a status's `pleroma.direct_conversation_id` in
   * single-status responses (content.md 3.1). Null when the viewer has none.
   */
  directConversationId(viewerId: string, context: string): Outcome<string | null> {
    return fromPort(() => this.deps.store.participationByContext(viewerId, context)).map((p) => p?.id ?? null);
  }

  private own(viewerId: string, participationId: string): Outcome<ParticipationRow> {
    if (!/^\d{1,18}$/.test(participationId)) return errAsync(appError("CONVERSATION_NOT_FOUND"));
    return fromPort(() => this.deps.store.participation(participationId)).andThen((p) =>
      p && p.userId === viewerId ? okAsync(p) : errAsync(appError("CONVERSATION_NOT_FOUND")),
    );
  }

  /**
   * Conversation entities for `rows` in one batch: the accounts of every row in one host call and
   * the last statuses in one render, so a page costs the same number of host calls for 1 or 20
   * conversations (finding each last visible status is still one store page per conversation).
   */
  private renderMany(viewerId: string, rows: readonly ParticipationRow[]): Outcome<Entity[]> {
    if (rows.length === 0) return okAsync([]);
    return fromPort(async () => {
      const everyone = [...new Set([...rows.flatMap((p) => p.recipientIds), viewerId])];
      const [accounts, lastIds] = await Promise.all([
        this.deps.host.accounts.render(everyone, viewerId),
        this.lastVisibleDirects(viewerId, rows.map((p) => p.conversationId)),
      ]);
      return { accounts, lastIds };
    }).andThen(({ accounts, lastIds }) => {
      const wanted = [...new Set(lastIds.filter((id): id is string => id !== null))];
      const statuses = wanted.length === 0 ? okAsync(new Map<string, Entity>()) : this.deps.renderStatuses(wanted, viewerId);
      return statuses.map((rendered) => rows.map((p, i) => this.entity(viewerId, p, accounts, lastIds[i] ?? null, rendered)));
    });
  }

  /**
   * The Conversation entity (content.md 3.2) plus the seed's `pleroma.recipients` (every recipient,
   * owner included; Akkoma dropped the field, clients of the seed read it).
   */
  private render(viewerId: string, p: ParticipationRow): Outcome<Entity> {
    return this.renderMany(viewerId, [p]).map((entities) => entities[0]!);
  }

  private entity(viewerId: string, p: ParticipationRow, accounts: ReadonlyMap<string, Entity>, lastId: string | null, statuses: ReadonlyMap<string, Entity>): Entity {
    const others = p.recipientIds.filter((id) => id !== viewerId);
    const shown = others.length > 0 ? others : [viewerId];
    const pick = (ids: readonly string[]) => ids.flatMap((id) => (accounts.has(id) ? [accounts.get(id)!] : []));
    const base = { id: p.id, unread: !p.read, accounts: pick(shown), pleroma: { recipients: pick(p.recipientIds) } };
    const status = lastId === null ? undefined : statuses.get(lastId);
    if (!status) return { ...base, last_status: null };
    const pleroma = (status.pleroma ?? {}) as Entity;
    return { ...base, last_status: { ...status, pleroma: { ...pleroma, direct_conversation_id: p.id } } };
  }

  /**
   * The last visible direct status of each conversation: the newest page of each, one visibility
   * batch over all of them; only a conversation whose whole first page is hidden is searched further.
   */
  private async lastVisibleDirects(viewerId: string, conversationIds: readonly string[]): Promise<Array<string | null>> {
    const FIRST = 20;
    const pages = await Promise.all(conversationIds.map((id) => this.deps.store.statusIds(id, { limit: FIRST }, { directOnly: true })));
    const visible = await visibleStatusIds(this.deps.host, viewerId, [...new Set(pages.flat())]);
    return Promise.all(
      pages.map((ids, i) => {
        const found = ids.find((id) => visible.has(id));
        if (found !== undefined) return found;
        return ids.length < FIRST ? null : this.lastVisibleDirect(viewerId, conversationIds[i]!);
      }),
    );
  }

  private async lastVisibleDirect(viewerId: string, conversationId: string): Promise<string | null> {
    const found = await pageOfVisible(
      { limit: 1 },
      (cursor) => this.deps.store.statusIds(conversationId, { ...cursor, limit: 20 }, { directOnly: true }),
      (ids) => visibleStatusIds(this.deps.host, viewerId, ids),
    );
    if (found.isErr()) throw found.error;
    return found.value[0] ?? null;
  }
}
