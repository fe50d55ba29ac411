/** `users.list` in SQL: the admin user list's filters as WHERE clauses, one page and a count. */
import { boolValue, toNumber, type SqlContext } from "@pleroma-kit/store-sql/extend";
import { sql, type SelectQueryBuilder, type SqlBool } from "kysely";
import type { UserListFilter, UserRow } from "../../host-data.js";

// biome-ignore lint: dynamic table names, see SqlContext.
type AnyQuery = SelectQueryBuilder<any, any, any>;

/** `%`, `_` and the escape character itself match literally in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(
  ctx: SqlContext,
  filter: UserListFilter,
  offset: number,
  limit: number,
  toRow: (row: Record<string, unknown>) => UserRow,
): Promise<{ rows: UserRow[]; total: number }> {
  const { db, t } = ctx;
  const b = (v: boolean) => boolValue(ctx, v);
  const where = (q: AnyQuery): AnyQuery => {
    if (filter.local !== undefined) q = q.where("domain", filter.local ? "is" : "is not", null);
    if (filter.active !== undefined) q = q.where("is_active", "=", b(filter.active));
    if (filter.confirmed !== undefined) q = q.where("is_confirmed", "=", b(filter.confirmed));
    const roles = filter.roles ?? [];
    if (roles.length > 0) {
      q = q.where((eb) => eb.or(roles.map((role) => eb(role === "admin" ? "is_admin" : "is_moderator", "=", b(true)))));
    }
    if (filter.query) {
      const pattern = `%${likeLiteral(filter.query.toLowerCase())}%`;
      const like = (column: string) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
      q = q.where((eb) => eb.or([like("nickname"), like("display_name"), like("email")]));
    }
    return q;
  };
  const rows = await where(db.selectFrom(t("users")).selectAll()).orderBy("nickname_key").orderBy("id").offset(offset).limit(limit).execute();
  const count = await where(db.selectFrom(t("users")).select((eb) => eb.fn.countAll().as("n"))).executeTakeFirst();
  return { rows: rows.map(toRow), total: toNumber((count as { n: unknown } | undefined)?.n ?? 0) };
}
