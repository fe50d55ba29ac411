/**
 * Starts the kit on the chosen framework, the way a host would mount it: the binding first,
 * then the host's own 404. Only the chosen framework is loaded.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PleromaKit } from "@pleroma-kit/core";
import { notFoundBody } from "./not-found.js";

export type Framework = "express" | "fastify" | "koa";

export interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(framework: Framework, kit: PleromaKit, host: string, port: number): Promise<Listening> {
  if (framework === "fastify") return listenFastify(kit, host, port);
  const server = createServer(framework === "koa" ? await koaApp(kit) : await expressApp(kit));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
}

async function expressApp(kit: PleromaKit) {
  const { default: express } = await import("express");
  const { pleromaKit } = await import("@pleroma-kit/express");
  const app = express();
  app.disable("x-powered-by");
  app.use(pleromaKit(kit));
  app.use((req, res) => {
    res.status(404).json(notFoundBody(req.method));
  });
  return app;
}

async function koaApp(kit: PleromaKit) {
  const { default: Koa } = await import("koa");
  const { pleromaKit } = await import("@pleroma-kit/koa");
  const app = new Koa();
  app.use(pleromaKit(kit));
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = notFoundBody(ctx.method);
  });
  return app.callback();
}

async function listenFastify(kit: PleromaKit, host: string, port: number): Promise<Listening> {
  const { default: Fastify } = await import("fastify");
  const { pleromaKitPlugin } = await import("@pleroma-kit/fastify");
  const app = Fastify({ logger: false });
  await app.register(pleromaKitPlugin, { kit });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(notFoundBody(req.method));
  });
  await app.listen({ host, port });
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
