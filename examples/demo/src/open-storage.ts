/**
 * Opens the demo's storage from `DATABASE_URL`: `memory:` keeps everything in this process;
 * `sqlite:<file>`, `sqlite::memory:` and `postgres://...` use the SQL store and the reference
 * host's SQL storage (both migrated at start, each with its own history), so data survives a restart.
 */
import type { PleromaStore } from "@pleroma-kit/core";
import type { HostData } from "@pleroma-kit/reference-host";
import { createMemoryHostData } from "@pleroma-kit/reference-host/memory";
import { createSqlHostData, migrateReferenceHost } from "@pleroma-kit/reference-host/sql";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { createSqlStore, migrate, openSqlDatabase } from "@pleroma-kit/store-sql";

export interface DemoStorage {
  readonly store: PleromaStore;
  readonly data: HostData;
  /** `memory`, `sqlite` or `postgres`, for the start-up line. */
  readonly kind: string;
  close(): Promise<void>;
}

export async function openStorage(databaseUrl: string, tablePrefix = "pk_"): Promise<DemoStorage> {
  if (databaseUrl === "memory:" || databaseUrl === "memory") {
    return { store: createMemoryStore(), data: createMemoryHostData(), kind: "memory", close: async () => {} };
  }
  const database = await openSqlDatabase(databaseUrl);
  const options = { dialect: database.dialect, tablePrefix };
  try {
    await migrate(database.db, options);
    await migrateReferenceHost(database.db, options);
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    store: createSqlStore(database.db, { ...options, ...(database.poolStats ? { poolStats: database.poolStats } : {}) }),
    data: createSqlHostData(database.db, options),
    kind: database.dialect,
    close: () => database.close(),
  };
}
