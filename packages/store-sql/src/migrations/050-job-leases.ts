import type { Migration } from "./migration.js";
import { timestampType } from "./migration.js";

/**
 * Leases on running jobs (issue 15): the process running a backup or an import renews
 * `lease_until`; recovery fails or takes over rows whose lease ended or whose owner is dead.
 */
export const jobLeases050: Migration = {
  name: "050-job-leases",
  async up(ctx) {
    const { db, t } = ctx;
    for (const table of [t("backups"), t("import_jobs")]) {
      await db.schema.alterTable(table).addColumn("lease_owner", "varchar(255)").execute();
      await db.schema.alterTable(table).addColumn("lease_until", timestampType(ctx)).execute();
      await db.schema.createIndex(`${table}_state_lease`).on(table).columns(["state", "lease_until"]).execute();
    }
  },
};
