import { idType, timestampType, type Migration, type SqlContext } from "@pleroma-kit/store-sql/extend";

/**
 * The reference host's tables (users, OAuth apps and tokens, statuses, relations, favourites,
 * notifications), for the demo server and tests. A real host keeps its own tables and never
 * reads these. Every query `createSqlHostData` makes has an index here; the comment beside each
 * index names the query it serves.
 *
 * Case-insensitive uniqueness is kept by `*_key` columns holding the lower-cased value (written
 * by the store, not by a SQL function, so SQLite and PostgreSQL fold case the same way).
 *
 * Up to 0.1.0 store-sql's own `migrate` ran this migration, under the same name, and recorded it
 * in `<prefix>migrations`. On such a database the tables already exist: the migration then
 * creates nothing and is only recorded in the reference host's history.
 */
export const host002: Migration = {
  name: "002-host",
  async up(ctx) {
    if (await createdByLibraryMigrate(ctx)) return;
    const { db, t } = ctx;
    const id = idType(ctx);
    const ts = timestampType(ctx);

    await db.schema
      .createTable(t("users"))
      .addColumn("id", id, (c) => c.primaryKey())
      .addColumn("nickname", "varchar(255)", (c) => c.notNull())
      // lower(nickname), with "@domain" for a remote account stored without it.
      .addColumn("nickname_key", "varchar(255)", (c) => c.notNull())
      .addColumn("email", "varchar(320)")
      .addColumn("email_key", "varchar(320)")
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("display_name", "text", (c) => c.notNull())
      .addColumn("note", "text", (c) => c.notNull())
      .addColumn("is_admin", "boolean", (c) => c.notNull())
      .addColumn("is_moderator", "boolean", (c) => c.notNull())
      .addColumn("is_active", "boolean", (c) => c.notNull())
      .addColumn("is_confirmed", "boolean", (c) => c.notNull())
      .addColumn("is_locked", "boolean", (c) => c.notNull())
      .addColumn("domain", "varchar(255)")
      .addColumn("avatar_url", "text")
      .addColumn("header_url", "text")
      .addColumn("hide_favorites", "boolean", (c) => c.notNull())
      .addColumn("allow_following_move", "boolean", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      // byNickname; several NULL emails are allowed by both dialects.
      .addUniqueConstraint(`${t("users")}_nickname_uq`, ["nickname_key"])
      // byEmail
      .addUniqueConstraint(`${t("users")}_email_uq`, ["email_key"])
      .execute();

    await db.schema
      .createTable(t("apps"))
      .addColumn("id", id, (c) => c.primaryKey())
      .addColumn("client_id", "varchar(255)", (c) => c.notNull())
      .addColumn("client_secret", "varchar(255)", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("website", "text")
      .addColumn("redirect_uris", "text", (c) => c.notNull())
      .addColumn("scopes", "text", (c) => c.notNull()) // JSON array
      .addColumn("created_at", ts, (c) => c.notNull())
      // byClientId
      .addUniqueConstraint(`${t("apps")}_client_uq`, ["client_id"])
      .execute();

    await db.schema
      .createTable(t("tokens"))
      .addColumn("id", id, (c) => c.primaryKey())
      .addColumn("token_hash", "varchar(255)", (c) => c.notNull())
      .addColumn("app_id", id, (c) => c.notNull())
      .addColumn("user_id", id)
      .addColumn("scopes", "text", (c) => c.notNull()) // JSON array
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("expires_at", ts)
      // byHash: every authenticated request
      .addUniqueConstraint(`${t("tokens")}_hash_uq`, ["token_hash"])
      .execute();
    // revokeForUser
    await db.schema.createIndex(`${t("tokens")}_user`).on(t("tokens")).column("user_id").execute();

    await db.schema
      .createTable(t("statuses"))
      .addColumn("id", id, (c) => c.primaryKey())
      .addColumn("author_id", id, (c) => c.notNull())
      .addColumn("content", "text", (c) => c.notNull())
      .addColumn("spoiler_text", "text", (c) => c.notNull())
      .addColumn("visibility", "varchar(16)", (c) => c.notNull())
      .addColumn("in_reply_to_id", id)
      .addColumn("context_id", id, (c) => c.notNull())
      .addColumn("mention_ids", "text", (c) => c.notNull()) // JSON array
      .addColumn("sensitive", "boolean", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    // byAuthor (a profile timeline page) and countByAuthor
    await db.schema.createIndex(`${t("statuses")}_author_id`).on(t("statuses")).columns(["author_id", "id"]).execute();
    // replyCounts
    await db.schema.createIndex(`${t("statuses")}_reply_to`).on(t("statuses")).column("in_reply_to_id").execute();
    // threads (the context of a status), for hosts building on these rows
    await db.schema.createIndex(`${t("statuses")}_context_id`).on(t("statuses")).columns(["context_id", "id"]).execute();
    // byVisibility (public timelines)
    await db.schema.createIndex(`${t("statuses")}_visibility_id`).on(t("statuses")).columns(["visibility", "id"]).execute();

    await db.schema
      .createTable(t("relations"))
      .addColumn("kind", "varchar(32)", (c) => c.notNull())
      .addColumn("from_id", id, (c) => c.notNull())
      .addColumn("to_id", id, (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      // add/remove (idempotent by key), among, allFrom, countFrom
      .addPrimaryKeyConstraint(`${t("relations")}_pk`, ["kind", "from_id", "to_id"])
      .execute();
    // towards, allTowards, countTowards
    await db.schema.createIndex(`${t("relations")}_towards`).on(t("relations")).columns(["kind", "to_id", "from_id"]).execute();

    const favourites = db.schema.createTable(t("favourites"));
    await (ctx.dialect === "postgres"
      ? favourites.addColumn("id", "bigserial", (c) => c.primaryKey())
      : favourites.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    )
      .addColumn("user_id", id, (c) => c.notNull())
      .addColumn("status_id", id, (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      // add (idempotent), remove, among
      .addUniqueConstraint(`${t("favourites")}_user_status_uq`, ["user_id", "status_id"])
      .execute();
    // byUser (newest favourite first, paged by favourite id)
    await db.schema.createIndex(`${t("favourites")}_user_id`).on(t("favourites")).columns(["user_id", "id"]).execute();
    // counts
    await db.schema.createIndex(`${t("favourites")}_status`).on(t("favourites")).column("status_id").execute();

    await db.schema
      .createTable(t("notifications"))
      .addColumn("id", id, (c) => c.primaryKey())
      .addColumn("user_id", id, (c) => c.notNull())
      .addColumn("type", "varchar(64)", (c) => c.notNull())
      .addColumn("actor_id", id, (c) => c.notNull())
      .addColumn("status_id", id)
      .addColumn("emoji", "varchar(255)")
      .addColumn("emoji_url", "text")
      .addColumn("target_id", id)
      .addColumn("seen", "boolean", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    // list (newest first, paged by id), markSeen, markSeenUpTo
    await db.schema.createIndex(`${t("notifications")}_user_id`).on(t("notifications")).columns(["user_id", "id"]).execute();
  },
};

/** True when store-sql's `migrate` of 0.1.0 already ran `002-host` on this database (same prefix). */
async function createdByLibraryMigrate(ctx: SqlContext): Promise<boolean> {
  const library = ctx.t("migrations");
  // Look before reading: a failed statement would abort the PostgreSQL transaction.
  const tables = await ctx.db.introspection.getTables();
  if (!tables.some((table) => table.name === library)) return false;
  const row = await ctx.db.selectFrom(library).select("name").where("name", "=", host002.name).executeTakeFirst();
  return row !== undefined;
}
