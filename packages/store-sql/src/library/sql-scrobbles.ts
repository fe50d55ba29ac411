import type { ScrobbleRow, ScrobbleStore } from "@pleroma-kit/core";
import { idSortKey } from "@pleroma-kit/core/store-kit";
import { dateValue, toDate, type SqlContext } from "../sql-context.js";

/** Scrobbles in SQL, paged by the padded id over the (account_id, id_key) index. */
export function sqlScrobbles(ctx: SqlContext): ScrobbleStore {
  const { db, t } = ctx;
  const table = t("scrobbles");
  const toRow = (r: Record<string, unknown>): ScrobbleRow => ({
    id: String(r.id),
    accountId: String(r.account_id),
    title: String(r.title),
    artist: r.artist === null ? null : String(r.artist),
    album: r.album === null ? null : String(r.album),
    length: r.length === null ? null : Number(r.length),
    visibility: String(r.visibility) as ScrobbleRow["visibility"],
    createdAt: toDate(r.created_at),
  });
  return {
    async add(row) {
      await db
        .insertInto(table)
        .values({
          id: row.id,
          account_id: row.accountId,
          id_key: idSortKey(row.id),
          title: row.title,
          artist: row.artist,
          album: row.album,
          length: row.length,
          visibility: row.visibility,
          created_at: dateValue(ctx, row.createdAt),
        })
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    },
    async list(accountId, visibilities, page) {
      if (visibilities.length === 0) return [];
      let q = db.selectFrom(table).selectAll().where("account_id", "=", accountId).where("visibility", "in", [...visibilities]);
      if (page.maxId !== undefined) q = q.where("id_key", "<", idSortKey(page.maxId));
      if (page.sinceId !== undefined) q = q.where("id_key", ">", idSortKey(page.sinceId));
      const rows =
        page.minId !== undefined
          ? await q.where("id_key", ">", idSortKey(page.minId)).orderBy("id_key", "asc").limit(page.limit).execute()
          : await q.orderBy("id_key", "desc").limit(page.limit).execute();
      return rows.map(toRow);
    },
  };
}
