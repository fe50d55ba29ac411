/** Statuses in SQL. */
import type { Visibility } from "@pleroma-kit/core";
import type { HostData, StatusRow } from "../../host-data.js";
import { boolValue, dateValue, toBool, toDate, type SqlContext } from "@pleroma-kit/store-sql/extend";
import { countsBy, jsonList, nullableString, runPage, unique, type Row } from "./sql-rows.js";

/** A statuses row as the port names it. */
export const toStatusRow = (r: Row): StatusRow => ({
  id: String(r.id),
  authorId: String(r.author_id),
  content: String(r.content),
  spoilerText: String(r.spoiler_text),
  visibility: String(r.visibility) as Visibility,
  inReplyToId: nullableString(r.in_reply_to_id),
  contextId: String(r.context_id),
  mentionIds: jsonList(r.mention_ids),
  sensitive: toBool(r.sensitive),
  createdAt: toDate(r.created_at),
});

export function sqlStatuses(ctx: SqlContext): Omit<HostData["statuses"], "byContext" | "directFor"> {
  const { db, t } = ctx;
  const table = t("statuses");
  const toRow = toStatusRow;
  return {
    async create(status) {
      await unique({}, () =>
        db
          .insertInto(table)
          .values({
            id: status.id,
            author_id: status.authorId,
            content: status.content,
            spoiler_text: status.spoilerText,
            visibility: status.visibility,
            in_reply_to_id: status.inReplyToId,
            context_id: status.contextId,
            mention_ids: JSON.stringify(status.mentionIds),
            sensitive: boolValue(ctx, status.sensitive),
            created_at: dateValue(ctx, status.createdAt),
          })
          .execute(),
      );
      return status;
    },
    async byId(id) {
      const r = await db.selectFrom(table).selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toRow(r) : null;
    },
    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom(table).selectAll().where("id", "in", [...new Set(ids)]).execute();
      return rows.map(toRow);
    },
    async delete(id) {
      const r = await db.deleteFrom(table).where("id", "=", id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async byAuthor(authorId, page) {
      return (await runPage(db.selectFrom(table).selectAll().where("author_id", "=", authorId), "id", page)).map(toRow);
    },
    async byVisibility(visibilities, page) {
      if (visibilities.length === 0) return [];
      return (await runPage(db.selectFrom(table).selectAll().where("visibility", "in", [...visibilities]), "id", page)).map(toRow);
    },
    countByAuthor: (authorIds) => countsBy(db.selectFrom(table), "author_id", authorIds),
    replyCounts: (ids) => countsBy(db.selectFrom(table), "in_reply_to_id", ids),
  };
}

