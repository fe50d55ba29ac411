import type { ConversationStore, IdPage, ParticipationRow } from "@pleroma-kit/core";
import { idSortKey } from "@pleroma-kit/core/store-kit";
import { sql } from "kysely";
import { dateValue, toDate, type SqlContext } from "../sql-context.js";

/**
 * Conversations in SQL. Concurrency comes from unique keys: `context` is unique (one conversation
 * per thread however many first statuses race), (user, conversation) is unique and each touch is
 * one `insert ... on conflict do update`, and mark-all-read is one `update ... returning` that only
 * matches unread rows, so parallel callers split the rows between them.
 */
export function sqlConversations(ctx: SqlContext): ConversationStore {
  const { db, t } = ctx;
  const conversations = t("conversations");
  const statuses = t("conversation_statuses");
  const participations = t("participations");

  const toRow = (r: Record<string, unknown>): ParticipationRow => ({
    id: String(r.id),
    userId: String(r.user_id),
    conversationId: String(r.conversation_id),
    context: String(r.context),
    read: Number(r.read) === 1,
    updatedAt: toDate(r.updated_at),
    recipientIds: JSON.parse(String(r.recipients)) as string[],
  });
  const conversationIdOf = async (context: string): Promise<string | null> => {
    const row = await db.selectFrom(conversations).select("id").where("context", "=", context).executeTakeFirst();
    return row ? String(row.id) : null;
  };
  const isInteger = (id: string) => /^\d{1,18}$/.test(id);

  return {
    async recordStatus(entry, createIfMissing) {
      if (createIfMissing) {
        await db.insertInto(conversations).values({ context: entry.context }).onConflict((oc) => oc.column("context").doNothing()).execute();
      }
      const id = await conversationIdOf(entry.context);
      if (id === null) return null;
      await db
        .insertInto(statuses)
        .values({
          conversation_id: id,
          status_key: idSortKey(entry.statusId),
          status_id: entry.statusId,
          author_id: entry.authorId,
          direct: entry.direct ? 1 : 0,
          created_at: dateValue(ctx, entry.createdAt),
        })
        .onConflict((oc) => oc.columns(["conversation_id", "status_key"]).doNothing())
        .execute();
      return id;
    },

    async touchParticipations(conversationId, touches, recipientIds, at) {
      if (!isInteger(conversationId)) return [];
      const conversation = await db.selectFrom(conversations).select("context").where("id", "=", conversationId).executeTakeFirst();
      if (!conversation) return [];
      const recipients = JSON.stringify([...new Set(recipientIds)]);
      const out: ParticipationRow[] = [];
      for (const touch of touches) {
        const read = touch.mode === "unread" ? sql`0` : touch.mode === "read" ? sql`1` : sql.ref(`${participations}.read`);
        await db
          .insertInto(participations)
          .values({
            user_id: touch.userId,
            conversation_id: conversationId,
            context: String(conversation.context),
            read: touch.mode === "unread" ? 0 : 1,
            updated_at: dateValue(ctx, at),
            recipients,
          })
          .onConflict((oc) =>
            oc.columns(["user_id", "conversation_id"]).doUpdateSet({
              updated_at: sql`excluded.updated_at`,
              read,
              recipients: sql`case when ${sql.ref(`${participations}.recipients`)} = '[]' then excluded.recipients else ${sql.ref(`${participations}.recipients`)} end`,
            }),
          )
          .execute();
        const row = await db
          .selectFrom(participations)
          .selectAll()
          .where("user_id", "=", touch.userId)
          .where("conversation_id", "=", conversationId)
          .executeTakeFirst();
        if (row) out.push(toRow(row));
      }
      return out;
    },

    async participation(id) {
      if (!isInteger(id)) return null;
      const row = await db.selectFrom(participations).selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toRow(row) : null;
    },

    async participationByContext(userId, context) {
      const conversationId = await conversationIdOf(context);
      if (conversationId === null) return null;
      const row = await db
        .selectFrom(participations)
        .selectAll()
        .where("user_id", "=", userId)
        .where("conversation_id", "=", conversationId)
        .executeTakeFirst();
      return row ? toRow(row) : null;
    },

    async participationsOf(userId, { limit, offset }) {
      const rows = await db
        .selectFrom(participations)
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("updated_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(toRow);
    },

    async setRecipients(id, recipientIds) {
      if (!isInteger(id)) return null;
      await db
        .updateTable(participations)
        .set({ recipients: JSON.stringify([...new Set(recipientIds)]) })
        .where("id", "=", id)
        .execute();
      return this.participation(id);
    },

    async markAllRead(userId) {
      const rows = await db
        .updateTable(participations)
        .set({ read: 1 })
        .where("user_id", "=", userId)
        .where("read", "=", 0)
        .returningAll()
        .execute();
      return rows.map(toRow);
    },

    async markRead(id, at) {
      if (!isInteger(id)) return null;
      await db
        .updateTable(participations)
        .set(at ? { read: 1, updated_at: dateValue(ctx, at) } : { read: 1 })
        .where("id", "=", id)
        .execute();
      return this.participation(id);
    },

    async deleteParticipation(id) {
      if (!isInteger(id)) return false;
      const result = await db.deleteFrom(participations).where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async statusIds(conversationId, page, options = {}) {
      if (!isInteger(conversationId)) return [];
      const rows = await timelineQuery(ctx, conversationId, page, options.directOnly ?? false).execute();
      return rows.map((r: { status_id: unknown }) => String(r.status_id));
    },
  };
}

/**
 * The conversation timeline query: one range scan of the (conversation_id, status_key) primary
 * key. Exported for the EXPLAIN test and the benchmark.
 */
export function timelineQuery(ctx: SqlContext, conversationId: string, page: IdPage, directOnly: boolean) {
  let q = ctx.db.selectFrom(ctx.t("conversation_statuses")).select("status_id").where("conversation_id", "=", conversationId);
  if (directOnly) q = q.where("direct", "=", 1);
  if (page.maxId !== undefined) q = q.where("status_key", "<", idSortKey(page.maxId));
  if (page.sinceId !== undefined) q = q.where("status_key", ">", idSortKey(page.sinceId));
  if (page.minId !== undefined) {
    return q.where("status_key", ">", idSortKey(page.minId)).orderBy("status_key", "asc").limit(page.limit);
  }
  return q.orderBy("status_key", "desc").limit(page.limit);
}
