/**
 * Builds and starts the demo server: storage from DATABASE_URL, the reference host, the kit with
 * the reference host's Mastodon routes, and the chosen framework binding.
 */
import { createServer } from "node:net";
import {
  consoleLogger,
  createPleromaKit,
  guardedHttpClient,
  localFileStore,
  mastodonConversationRoutes,
  memoryFileStore,
  systemClock,
  type Clock,
  type Logger,
  type PleromaKit,
} from "@pleroma-kit/core";
import { createReferenceHost, mastodonRoutes, type ReferenceHost } from "@pleroma-kit/reference-host";
import type { DemoConfig } from "./config.js";
import { listen } from "./frameworks.js";
import { openStorage } from "./open-storage.js";
import { openCoordination } from "./coordination.js";
import { staticFrontends, type FrontendMount } from "./static-frontend.js";

export interface DemoServer {
  /** `http://HOST:PORT`, as printed on start. */
  readonly url: string;
  readonly kit: PleromaKit;
  readonly host: ReferenceHost;
  close(): Promise<void>;
}

/** What tests may inject; the server itself uses the system clock. */
export interface DemoOverrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export async function startDemoServer(config: DemoConfig, overrides: DemoOverrides = {}): Promise<DemoServer> {
  // The kit needs its public URL before it listens, so port 0 is resolved to a free port first.
  const port = config.port === 0 ? await freePort(config.host) : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  const baseUrl = config.baseUrl ?? url;
  const frontends = staticFrontends(frontendMounts(config));
  const storage = await openStorage(config.databaseUrl, config.tablePrefix);
  const logger = overrides.logger ?? consoleLogger("info");
  const coordination = openCoordination(config.databaseUrl, config.tablePrefix, logger);
  let recovery: ReturnType<typeof setInterval> | undefined;
  try {
    const clock = overrides.clock ?? systemClock;
    const host = createReferenceHost(storage.data, { baseUrl, clock });
    if (config.admin) {
      const i = config.admin.indexOf(":");
      await host.users.ensureAdmin(config.admin.slice(0, i), config.admin.slice(i + 1));
    }
    const kit = createPleromaKit({
      baseUrl,
      store: storage.store,
      host: host.ports,
      logger,
      clock,
      // Temp files of writes interrupted by a crash go at start-up (60 s: instances may share the folder).
      files: config.filesDir === "memory:" ? memoryFileStore() : localFileStore(config.filesDir),
      ...(coordination.jobs ? { jobs: coordination.jobs } : {}),
      ...(coordination.locks ? { locks: coordination.locks } : {}),
      ...(coordination.signals ? { signals: coordination.signals } : {}),
      packs: { http: guardedHttpClient({ allow: config.fetchAllow }) },
      extraRoutes: (services) => [
        ...mastodonRoutes(host, services, { instance: { features: ["shareable_emoji_packs", "pleroma_custom_emoji_reactions"] } }),
        ...mastodonConversationRoutes,
      ],
    });
    await coordination.start();
    // Backups and imports a killed process left running are failed (their files removed) so users
    // can retry at once; then again every 10 s for those of other instances.
    const recover = () =>
      kit.recoverJobs().catch((error: unknown) => logger.warn("job recovery failed", { error: String(error) }));
    await recover();
    recovery = setInterval(() => void recover(), 10_000);
    recovery.unref();
    const server = await listen(config.framework, kit, config.host, port, frontends);
    logger.info("demo server started", { framework: config.framework, store: storage.kind, baseUrl });
    return {
      url,
      kit,
      host,
      async close() {
        clearInterval(recovery);
        await server.close();
        await coordination.close();
        await storage.close();
      },
    };
  } catch (error) {
    clearInterval(recovery);
    await coordination.close();
    await storage.close();
    throw error;
  }
}

function frontendMounts(config: DemoConfig): FrontendMount[] {
  const mounts: FrontendMount[] = [];
  if (config.frontendDir) mounts.push({ prefix: "/", dir: config.frontendDir });
  if (config.adminFrontendDir) mounts.push({ prefix: "/pleroma/admin/", dir: config.adminFrontendDir });
  return mounts;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
