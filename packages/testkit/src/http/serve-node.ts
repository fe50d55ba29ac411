/** Starts a plain Node HTTP server for a binding's mount function (Express and Koa apps are listeners). */
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import type { MountedServer } from "./run-binding-suite.js";

/** Listens on 127.0.0.1 with an ephemeral port; `close` also drops kept-alive connections. */
export async function serveNode(listener: RequestListener): Promise<MountedServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
