/**
 * Express on SQLite: how a host mounts pleroma-kit in its own Express app. One SQLite file holds
 * the library's tables and the reference host's users, tokens and statuses.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { createPleromaKit, localFileStore, mastodonConversationRoutes } from "@pleroma-kit/core";
import { pleromaKit } from "@pleroma-kit/express";
import { createReferenceHost, mastodonRoutes } from "@pleroma-kit/reference-host";
import { createSqlHostData, migrateReferenceHost } from "@pleroma-kit/reference-host/sql";
import { createSqlStore, migrate, openSqlDatabase } from "@pleroma-kit/store-sql";

/** Options of {@link start}; `main.ts` reads them from the environment. */
export interface ExampleOptions {
  /** The public URL clients reach the instance at; links are built from it, never from `Host`. */
  readonly baseUrl: string;
  /** `sqlite:<file>` (created with its folder when missing) or `sqlite::memory:`. */
  readonly databaseUrl: string;
  /**
   * Folder for pleroma-kit's files (emoji packs, backups). Required: the database lists them, so
   * they must outlive a restart too.
   */
  readonly filesDir: string;
  /** `nickname:password` of an admin account made (or reset) at start, e.g. to manage emoji packs. */
  readonly admin?: string;
  readonly port?: number;
  readonly hostname?: string;
}

/** A running example server. */
export interface RunningExample {
  /** Where it listens, e.g. `http://127.0.0.1:4001` (the real port when `port` was 0). */
  readonly url: string;
  close(): Promise<void>;
}

/** Opens and migrates the database, builds the kit and serves it with Express. */
export async function start(options: ExampleOptions): Promise<RunningExample> {
  const database = await openSqlDatabase(options.databaseUrl);
  const sql = { dialect: database.dialect };
  await migrate(database.db, sql); // the library's tables
  await migrateReferenceHost(database.db, sql); // the reference host's (your server migrates its own)

  // The reference host stands in for your server's users, statuses and follows.
  const host = createReferenceHost(createSqlHostData(database.db, sql), { baseUrl: options.baseUrl });
  if (options.admin) {
    const colon = options.admin.indexOf(":");
    await host.users.ensureAdmin(options.admin.slice(0, colon), options.admin.slice(colon + 1));
  }
  const kit = createPleromaKit({
    baseUrl: options.baseUrl,
    files: localFileStore(options.filesDir), // backups and pack files, next to the database
    store: createSqlStore(database.db, sql),
    host: host.ports,
    extraRoutes: (services) => [...mastodonRoutes(host, services), ...mastodonConversationRoutes],
  });

  const app = express();
  app.use(express.json()); // optional: pleroma-kit reuses a body parsed before it
  app.use(pleromaKit(kit));
  app.get("/", (_req, res) => {
    res.type("text").send("an Express app with the Pleroma API mounted\n");
  });
  app.use((_req, res) => {
    res.status(404).json({ error: "Not found" });
  });

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4001, options.hostname ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await database.close();
    },
  };
}
