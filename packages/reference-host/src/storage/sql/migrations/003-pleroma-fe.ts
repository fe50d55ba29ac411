import type { Migration } from "@pleroma-kit/store-sql/extend";

/**
 * What pleroma-fe needs beyond 002: the Pleroma profile settings of `update_credentials` (one JSON
 * column, read and written whole) and refresh tokens (their SHA-256, looked up by the
 * `refresh_token` grant).
 */
export const host003: Migration = {
  name: "003-pleroma-fe",
  async up({ db, t }) {
    await db.schema.alterTable(t("users")).addColumn("profile", "text").execute();
    await db.schema.alterTable(t("tokens")).addColumn("refresh_hash", "varchar(255)").execute();
    // tokens.byRefreshHash
    await db.schema.createIndex(`${t("tokens")}_refresh`).on(t("tokens")).column("refresh_hash").execute();
  },
};
