/**
 * Direct-message conversations (content.md 3). Implementations: `memory-conversations.ts`,
 * `sql-conversations.ts`; contract: testkit's `contract/conversations.ts`.
 */
import type { IdPage } from "../paging.js";

/**
 * A user's view of one conversation: Pleroma's participation, whose id is the API's
 * "conversation id" (content.md 3.1). Ids are decimal integers rendered as strings.
 */
export interface ParticipationRow {
  readonly id: string;
  readonly userId: string;
  /** The internal conversation id (one per thread context). */
  readonly conversationId: string;
  /** The thread's context key (the host's context/thread id). */
  readonly context: string;
  readonly read: boolean;
  readonly updatedAt: Date;
  /**
   * Who a reply by `in_reply_to_conversation_id` addresses, owner included. Captured once, from the
   * first direct status that reached the participation; afterwards only `setRecipients` changes it.
   */
  readonly recipientIds: readonly string[];
}

/**
 * How a new direct status touches one participant's participation (content.md 3.1):
 * `unread` bumps and marks unread (a recipient); `read` bumps and marks read (the author);
 * `quiet` bumps, creates as read and never resets to unread (a participant who blocks someone in
 * the recipient set).
 */
export interface ParticipationTouch {
  readonly userId: string;
  readonly mode: "unread" | "read" | "quiet";
}

/** A status as the conversation timeline indexes it. */
export interface ConversationStatusEntry {
  readonly context: string;
  readonly statusId: string;
  readonly authorId: string;
  /** Direct statuses can be a conversation's `last_status`; others only appear in its timeline. */
  readonly direct: boolean;
  readonly createdAt: Date;
}

/**
 * Conversations, the participations of their users and the statuses of each conversation. The
 * library feeds it from the host's status events (see `StatusEventsService`); the host never
 * writes it directly.
 *
 * @example
 * const conversationId = await store.conversations.recordStatus(entry, true);
 * if (conversationId) await store.conversations.touchParticipations(conversationId, touches, recipients, now);
 */
export interface ConversationStore {
  /**
   * Indexes a status under its context's conversation, creating the conversation when
   * `createIfMissing` (a direct status). Returns the conversation id, or null when the context has
   * none and none was created. Concurrency: idempotent per status; parallel calls for one new
   * context create exactly one conversation.
   */
  recordStatus(entry: ConversationStatusEntry, createIfMissing: boolean): Promise<string | null>;
  /**
   * Creates or bumps one participation per touch, setting `updatedAt` to `at`; a participation
   * without recipients captures `recipientIds`. Returns the touched rows. Concurrency: one
   * participation per (user, conversation) however many calls race; each touch is one atomic upsert.
   */
  touchParticipations(
    conversationId: string,
    touches: readonly ParticipationTouch[],
    recipientIds: readonly string[],
    at: Date,
  ): Promise<ParticipationRow[]>;
  /** One participation by id; null when unknown (ownership is checked by the caller). */
  participation(id: string): Promise<ParticipationRow | null>;
  /** The user's participation in the conversation of `context`, if any. */
  participationByContext(userId: string, context: string): Promise<ParticipationRow | null>;
  /** The user's participations, most recently updated first. */
  participationsOf(userId: string, options: { limit: number; offset: number }): Promise<ParticipationRow[]>;
  /** Replaces the recipient set (the caller adds the owner); does not bump or mark read. */
  setRecipients(id: string, recipientIds: readonly string[]): Promise<ParticipationRow | null>;
  /**
   * Marks every unread participation of the user read and returns the rows this call changed.
   * Concurrency: of parallel calls, each row is returned by exactly one.
   */
  markAllRead(userId: string): Promise<ParticipationRow[]>;
  /** Marks one participation read, bumping `updatedAt` to `at` when given (Mastodon's per-item read). */
  markRead(id: string, at: Date | null): Promise<ParticipationRow | null>;
  /** Deletes one participation (Mastodon's DELETE); a later direct status re-creates it. */
  deleteParticipation(id: string): Promise<boolean>;
  /**
   * Status ids of the conversation paged by status id (see {@link IdPage}); `directOnly` keeps
   * direct statuses. Ids compare as numbers when numeric and as fixed-width strings otherwise
   * (stores pad ids to sort them). One indexed range query.
   */
  statusIds(conversationId: string, page: IdPage, options?: { directOnly?: boolean }): Promise<string[]>;
}
