import type { HostData } from "../../host-data.js";
import type { Kysely } from "kysely";
import { sqlContext, type SqlStoreOptions } from "@pleroma-kit/store-sql/extend";
import { sqlNotifications } from "./sql-notifications.js";
import { sqlFavourites, sqlRelations } from "./sql-relations.js";
import { sqlAppsById, sqlThreads, sqlTokenLists, sqlUserSearch } from "./sql-host-data-lists.js";
import { sqlStatuses, toStatusRow } from "./sql-statuses.js";
import { sqlApps, sqlTokens, sqlUsers, toAppRow, toTokenRow, toUserRow } from "./sql-users.js";

/**
 * The reference host's storage (`HostData`) in SQL, over the tables `migrateReferenceHost` creates.
 * Every method is one statement (two for a user update that renames), batch methods take a list
 * and answer with one query, and concurrency is kept by the database: unique keys make
 * `relations.add` and `favourites.add` idempotent (exactly one of parallel identical adds wins),
 * and conditional updates make `notifications.markSeenUpTo` return each row to one caller only.
 *
 * @example
 * await migrateReferenceHost(db, { dialect: "sqlite" });
 * const data = createSqlHostData(db, { dialect: "sqlite" });
 */
// biome-ignore lint: dynamic table names, see SqlContext.
export function createSqlHostData(db: Kysely<any>, options: SqlStoreOptions): HostData {
  const ctx = sqlContext(db, options);
  return {
    users: { ...sqlUsers(ctx), ...sqlUserSearch(ctx, toUserRow) },
    apps: { ...sqlApps(ctx), ...sqlAppsById(ctx, toAppRow) },
    tokens: { ...sqlTokens(ctx), ...sqlTokenLists(ctx, toTokenRow) },
    statuses: { ...sqlStatuses(ctx), ...sqlThreads(ctx, toStatusRow) },
    relations: sqlRelations(ctx),
    favourites: sqlFavourites(ctx),
    notifications: sqlNotifications(ctx),
  };
}

