/**
 * Koa on memory: how a host mounts pleroma-kit in its own Koa app. Nothing touches the disk, so
 * every restart begins empty: for trying clients, not for keeping data.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Koa from "koa";
import { createPleromaKit, mastodonConversationRoutes } from "@pleroma-kit/core";
import { pleromaKit } from "@pleroma-kit/koa";
import { createReferenceHost, mastodonRoutes } from "@pleroma-kit/reference-host";
import { createMemoryHostData } from "@pleroma-kit/reference-host/memory";
import { createMemoryStore } from "@pleroma-kit/store-memory";

/** Options of {@link start}; `main.ts` reads them from the environment. */
export interface ExampleOptions {
  /** The public URL clients reach the instance at; links are built from it, never from `Host`. */
  readonly baseUrl: string;
  readonly port?: number;
  readonly hostname?: string;
}

/** A running example server. */
export interface RunningExample {
  /** Where it listens, e.g. `http://127.0.0.1:4003` (the real port when `port` was 0). */
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the kit on memory stores and serves it with Koa. */
export async function start(options: ExampleOptions): Promise<RunningExample> {
  // The reference host stands in for your server's users, statuses and follows.
  const host = createReferenceHost(createMemoryHostData(), { baseUrl: options.baseUrl });
  const kit = createPleromaKit({
    baseUrl: options.baseUrl,
    store: createMemoryStore(),
    host: host.ports,
    extraRoutes: (services) => [...mastodonRoutes(host, services), ...mastodonConversationRoutes],
  });

  const app = new Koa();
  app.use(pleromaKit(kit));
  app.use((ctx) => {
    if (ctx.method === "GET" && ctx.path === "/") {
      ctx.type = "text";
      ctx.body = "a Koa app with the Pleroma API mounted\n";
      return;
    }
    ctx.status = 404;
    ctx.body = { error: "Not found" };
  });

  const server = createServer(app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4003, options.hostname ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
