/**
 * The storage a benchmark server runs on, from a short spec: `memory`; `sqlite` (a temporary
 * file, WAL, the demo's default store, with the statement cache); `sqlite-nocache` (the same with
 * the statement cache off, to measure what the cache changes); `postgres:<url>` (a random table
 * prefix, dropped on close). The library store and the reference host's data share one database.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PleromaStore } from "@pleroma-kit/core";
import type { HostData } from "@pleroma-kit/reference-host";
import { createMemoryHostData } from "@pleroma-kit/reference-host/memory";
import { createSqlHostData, migrateReferenceHost } from "@pleroma-kit/reference-host/sql";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { createSqlStore, migrate, openSqlDatabase } from "@pleroma-kit/store-sql";
import { CompiledQuery } from "kysely";

export interface BenchStorage {
  readonly store: PleromaStore;
  readonly data: HostData;
  close(): Promise<void>;
}

export async function openBenchStorage(spec: string): Promise<BenchStorage> {
  if (spec === "memory") return { store: createMemoryStore(), data: createMemoryHostData(), close: async () => {} };
  if (spec === "sqlite" || spec === "sqlite-nocache") {
    const dir = mkdtempSync(join(tmpdir(), "pk-bench-binding-"));
    const opened = await openSqlDatabase(`sqlite:${join(dir, "bench.sqlite")}`, spec === "sqlite-nocache" ? { statementCacheSize: 0 } : {});
    const options = { dialect: opened.dialect };
    await migrate(opened.db, options);
    await migrateReferenceHost(opened.db, options);
    return {
      store: createSqlStore(opened.db, options),
      data: createSqlHostData(opened.db, options),
      async close() {
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (spec.startsWith("postgres:")) {
    const opened = await openSqlDatabase(spec.slice("postgres:".length));
    const prefix = `benchb${randomBytes(4).toString("hex")}_`;
    const options = { dialect: opened.dialect, tablePrefix: prefix };
    await migrate(opened.db, options);
    await migrateReferenceHost(opened.db, options);
    return {
      store: createSqlStore(opened.db, options),
      data: createSqlHostData(opened.db, options),
      async close() {
        try {
          const { rows } = await opened.db.executeQuery<{ tablename: string }>(
            CompiledQuery.raw("select tablename from pg_tables where schemaname = current_schema() and left(tablename, length($1)) = $1", [prefix]),
          );
          if (rows.length > 0) await opened.db.executeQuery(CompiledQuery.raw(`drop table if exists ${rows.map((r) => `"${r.tablename}"`).join(", ")} cascade`));
        } finally {
          await opened.close();
        }
      },
    };
  }
  throw new Error(`unknown bench storage ${spec}`);
}
