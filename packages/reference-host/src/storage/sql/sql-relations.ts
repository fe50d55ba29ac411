/** Relations between accounts and favourites in SQL. */
import type { HostData, RelationKind } from "../../host-data.js";
import { dateValue, type SqlContext } from "@pleroma-kit/store-sql/extend";
import { countsBy, runPage, type Row } from "./sql-rows.js";

export function sqlRelations(ctx: SqlContext): HostData["relations"] {
  const { db, t } = ctx;
  const table = t("relations");
  const ids = (rows: Row[], column: string) => rows.map((r) => String(r[column]));
  return {
    async add(kind, fromId, toId) {
      const r = await db
        .insertInto(table)
        .values({ kind, from_id: fromId, to_id: toId, created_at: dateValue(ctx, new Date()) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(kind, fromId, toId) {
      const r = await db.deleteFrom(table).where("kind", "=", kind).where("from_id", "=", fromId).where("to_id", "=", toId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async among(kind, fromId, toIds) {
      if (toIds.length === 0) return new Set();
      const rows = await db
        .selectFrom(table)
        .select("to_id")
        .where("kind", "=", kind)
        .where("from_id", "=", fromId)
        .where("to_id", "in", [...new Set(toIds)])
        .execute();
      return new Set(ids(rows, "to_id"));
    },
    async towards(kind, fromIds, toId) {
      if (fromIds.length === 0) return new Set();
      const rows = await db
        .selectFrom(table)
        .select("from_id")
        .where("kind", "=", kind)
        .where("to_id", "=", toId)
        .where("from_id", "in", [...new Set(fromIds)])
        .execute();
      return new Set(ids(rows, "from_id"));
    },
    async allTowards(kind, toId) {
      const rows = await db.selectFrom(table).select("from_id").where("kind", "=", kind).where("to_id", "=", toId).orderBy("from_id").execute();
      return ids(rows, "from_id");
    },
    async allFrom(kind, fromId) {
      const rows = await db.selectFrom(table).select("to_id").where("kind", "=", kind).where("from_id", "=", fromId).orderBy("to_id").execute();
      return ids(rows, "to_id");
    },
    async between(accountId, otherIds, kinds) {
      const others = [...new Set(otherIds)];
      const wanted = [...new Set(kinds)];
      if (others.length === 0 || wanted.length === 0) return [];
      // Two index seeks in one statement: relations_pk from the account, relations_towards to it.
      const columns = ["kind", "from_id", "to_id"] as const;
      const rows = await db
        .selectFrom(table)
        .select(columns)
        .where("kind", "in", wanted)
        .where("from_id", "=", accountId)
        .where("to_id", "in", others)
        .unionAll(db.selectFrom(table).select(columns).where("kind", "in", wanted).where("to_id", "=", accountId).where("from_id", "in", others))
        .execute();
      return (rows as Row[]).map((r) => ({ kind: String(r.kind) as RelationKind, fromId: String(r.from_id), toId: String(r.to_id) }));
    },
    countTowards: (kind, toIds) => countsBy(db.selectFrom(table).where("kind", "=", kind), "to_id", toIds),
    countFrom: (kind, fromIds) => countsBy(db.selectFrom(table).where("kind", "=", kind), "from_id", fromIds),
  };
}

export function sqlFavourites(ctx: SqlContext): HostData["favourites"] {
  const { db, t } = ctx;
  const table = t("favourites");
  // Favourite ids are integers; a bound that is not one cannot match any id, so it is ignored.
  const asKey = (id: string) => (/^\d{1,18}$/.test(id) ? Number(id) : undefined);
  return {
    async add(userId, statusId, at) {
      const r = await db
        .insertInto(table)
        .values({ user_id: userId, status_id: statusId, created_at: dateValue(ctx, at) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(userId, statusId) {
      const r = await db.deleteFrom(table).where("user_id", "=", userId).where("status_id", "=", statusId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async among(userId, statusIds) {
      if (statusIds.length === 0) return new Set();
      const rows = await db
        .selectFrom(table)
        .select("status_id")
        .where("user_id", "=", userId)
        .where("status_id", "in", [...new Set(statusIds)])
        .execute();
      return new Set(rows.map((r) => String(r.status_id)));
    },
    counts: (statusIds) => countsBy(db.selectFrom(table), "status_id", statusIds),
    async byUser(userId, page) {
      const rows = await runPage(db.selectFrom(table).select(["id", "status_id"]).where("user_id", "=", userId), "id", page, asKey);
      return rows.map((r) => ({ favouriteId: String(r.id), statusId: String(r.status_id) }));
    },
  };
}

