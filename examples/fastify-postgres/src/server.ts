/**
 * Fastify on PostgreSQL: how a host registers pleroma-kit in its own Fastify app. The library's
 * tables get a prefix so they sit beside the host's own in one database.
 */
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import { createPleromaKit, localFileStore, mastodonConversationRoutes } from "@pleroma-kit/core";
import { pleromaKitPlugin } from "@pleroma-kit/fastify";
import { createReferenceHost, mastodonRoutes } from "@pleroma-kit/reference-host";
import { createSqlHostData, migrateReferenceHost } from "@pleroma-kit/reference-host/sql";
import { createSqlStore, migrate, openSqlDatabase } from "@pleroma-kit/store-sql";

/** Options of {@link start}; `main.ts` reads them from the environment. */
export interface ExampleOptions {
  /** The public URL clients reach the instance at; links are built from it, never from `Host`. */
  readonly baseUrl: string;
  /** `postgres://user@host:5432/db`. */
  readonly databaseUrl: string;
  /** Prefix of pleroma-kit's tables. Default `pk_`. */
  readonly tablePrefix?: string;
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
  /** Where it listens, e.g. `http://127.0.0.1:4002` (the real port when `port` was 0). */
  readonly url: string;
  close(): Promise<void>;
}

/** Connects and migrates, builds the kit and serves it with Fastify. */
export async function start(options: ExampleOptions): Promise<RunningExample> {
  const database = await openSqlDatabase(options.databaseUrl);
  const sql = { dialect: database.dialect, tablePrefix: options.tablePrefix ?? "pk_" };
  try {
    await migrate(database.db, sql); // the library's tables
    await migrateReferenceHost(database.db, sql); // the reference host's (your server migrates its own)
  } catch (error) {
    await database.close();
    throw error;
  }

  // The reference host stands in for your server's users, statuses and follows.
  const host = createReferenceHost(createSqlHostData(database.db, sql), { baseUrl: options.baseUrl });
  if (options.admin) {
    const colon = options.admin.indexOf(":");
    await host.users.ensureAdmin(options.admin.slice(0, colon), options.admin.slice(colon + 1));
  }
  const kit = createPleromaKit({
    baseUrl: options.baseUrl,
    files: localFileStore(options.filesDir), // backups and pack files, next to the database
    store: createSqlStore(database.db, { ...sql, ...(database.poolStats ? { poolStats: database.poolStats } : {}) }),
    host: host.ports,
    extraRoutes: (services) => [...mastodonRoutes(host, services), ...mastodonConversationRoutes],
  });

  const app = Fastify({ logger: false });
  await app.register(pleromaKitPlugin, { kit }); // no prefix: the Pleroma paths are absolute
  app.get("/", async () => "a Fastify app with the Pleroma API mounted\n");
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send({ error: "Not found" });
  });
  app.addHook("onClose", () => database.close());

  await app.listen({ port: options.port ?? 4002, host: options.hostname ?? "127.0.0.1" });
  const { address, port } = app.server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    close: () => app.close(),
  };
}
