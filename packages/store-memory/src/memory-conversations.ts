import type {
  ConversationStatusEntry,
  ConversationStore,
  ParticipationRow,
} from "@pleroma-kit/core";
import { pageInMemory } from "@pleroma-kit/core/store-kit";

/**
 * Conversations and participations in memory. Every method runs to completion without awaiting,
 * so each is atomic in one process: the store's concurrency promises hold trivially.
 */
export function memoryConversations(): ConversationStore {
  const conversationsByContext = new Map<string, string>();
  const contextOf = new Map<string, string>();
  const statuses = new Map<string, Map<string, ConversationStatusEntry>>();
  const participations = new Map<string, ParticipationRow>();
  const byUserConversation = new Map<string, string>();
  let nextConversation = 1;
  let nextParticipation = 1;
  const pairKey = (userId: string, conversationId: string) => `${userId}\u0000${conversationId}`;
  const copy = (row: ParticipationRow): ParticipationRow => ({ ...row, recipientIds: [...row.recipientIds] });

  return {
    async recordStatus(entry, createIfMissing) {
      let id = conversationsByContext.get(entry.context);
      if (id === undefined) {
        if (!createIfMissing) return null;
        id = String(nextConversation++);
        conversationsByContext.set(entry.context, id);
        contextOf.set(id, entry.context);
        statuses.set(id, new Map());
      }
      const list = statuses.get(id)!;
      if (!list.has(entry.statusId)) list.set(entry.statusId, { ...entry });
      return id;
    },
    async touchParticipations(conversationId, touches, recipientIds, at) {
      const context = contextOf.get(conversationId);
      if (context === undefined) return [];
      const out: ParticipationRow[] = [];
      for (const touch of touches) {
        const existingId = byUserConversation.get(pairKey(touch.userId, conversationId));
        const existing = existingId === undefined ? undefined : participations.get(existingId);
        let row: ParticipationRow;
        if (existing) {
          row = {
            ...existing,
            updatedAt: at,
            read: touch.mode === "read" ? true : touch.mode === "unread" ? false : existing.read,
            recipientIds: existing.recipientIds.length === 0 ? [...recipientIds] : existing.recipientIds,
          };
        } else {
          row = {
            id: String(nextParticipation++),
            userId: touch.userId,
            conversationId,
            context,
            read: touch.mode !== "unread",
            updatedAt: at,
            recipientIds: [...recipientIds],
          };
          byUserConversation.set(pairKey(touch.userId, conversationId), row.id);
        }
        participations.set(row.id, row);
        out.push(copy(row));
      }
      return out;
    },
    async participation(id) {
      const row = participations.get(id);
      return row ? copy(row) : null;
    },
    async participationByContext(userId, context) {
      const conversationId = conversationsByContext.get(context);
      if (conversationId === undefined) return null;
      const id = byUserConversation.get(pairKey(userId, conversationId));
      const row = id === undefined ? undefined : participations.get(id);
      return row ? copy(row) : null;
    },
    async participationsOf(userId, { limit, offset }) {
      return [...participations.values()]
        .filter((p) => p.userId === userId)
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || Number(b.id) - Number(a.id))
        .slice(offset, offset + limit)
        .map(copy);
    },
    async setRecipients(id, recipientIds) {
      const row = participations.get(id);
      if (!row) return null;
      const next = { ...row, recipientIds: [...new Set(recipientIds)] };
      participations.set(id, next);
      return copy(next);
    },
    async markAllRead(userId) {
      const changed: ParticipationRow[] = [];
      for (const row of participations.values()) {
        if (row.userId !== userId || row.read) continue;
        const next = { ...row, read: true };
        participations.set(row.id, next);
        changed.push(copy(next));
      }
      return changed;
    },
    async markRead(id, at) {
      const row = participations.get(id);
      if (!row) return null;
      const next = { ...row, read: true, updatedAt: at ?? row.updatedAt };
      participations.set(id, next);
      return copy(next);
    },
    async deleteParticipation(id) {
      const row = participations.get(id);
      if (!row) return false;
      participations.delete(id);
      byUserConversation.delete(pairKey(row.userId, row.conversationId));
      return true;
    },
    async statusIds(conversationId, page, options = {}) {
      const list = statuses.get(conversationId);
      if (!list) return [];
      const entries = [...list.values()].filter((e) => !options.directOnly || e.direct);
      return pageInMemory(entries, (e) => e.statusId, page).map((e) => e.statusId);
    },
  };
}
