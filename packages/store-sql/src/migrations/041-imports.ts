import type { Migration } from "./migration.js";
import { timestampType } from "./migration.js";

export const imports041: Migration = {
  name: "041-imports",
  async up(ctx) {
    const { db, t } = ctx;
    await db.schema
      .createTable(t("import_jobs"))
      .addColumn("id", "varchar(255)", (c) => c.primaryKey())
      .addColumn("user_id", "varchar(255)", (c) => c.notNull())
      .addColumn("kind", "varchar(16)", (c) => c.notNull())
      .addColumn("state", "varchar(16)", (c) => c.notNull())
      .addColumn("total", "integer", (c) => c.notNull())
      .addColumn("created_at", timestampType(ctx), (c) => c.notNull())
      .addColumn("finished_at", timestampType(ctx))
      .execute();
    await db.schema.createIndex(`${t("import_jobs")}_user_created`).on(t("import_jobs")).columns(["user_id", "created_at"]).execute();
    await db.schema
      .createTable(t("import_rows"))
      .addColumn("job_id", "varchar(255)", (c) => c.notNull())
      .addColumn("line", "integer", (c) => c.notNull())
      .addColumn("identifier", "varchar(2048)", (c) => c.notNull())
      .addColumn("result", "varchar(16)", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${t("import_rows")}_pk`, ["job_id", "line"])
      .execute();
    // The runner asks for the next pending rows over and over: keep that an index range scan.
    await db.schema.createIndex(`${t("import_rows")}_job_result_line`).on(t("import_rows")).columns(["job_id", "result", "line"]).execute();
  },
};
