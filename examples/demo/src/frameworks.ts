/**
 * Starts the kit on the chosen framework, the way a host would mount it: the binding first,
 * then the host's own 404. Returns the bound address and a close function.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PleromaKit } from "@pleroma-kit/core";
import { pleromaKit as expressBinding } from "@pleroma-kit/express";
import { pleromaKitPlugin } from "@pleroma-kit/fastify";
import { pleromaKit as koaBinding } from "@pleroma-kit/koa";
import express from "express";
import Fastify from "fastify";
import Koa from "koa";
import { notFoundBody } from "./not-found.js";

export type Framework = "express" | "fastify" | "koa";

export interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(framework: Framework, kit: PleromaKit, host: string, port: number): Promise<Listening> {
  if (framework === "fastify") {
    const app = Fastify({ logger: false });
    await app.register(pleromaKitPlugin, { kit });
    app.setNotFoundHandler((req, reply) => {
      void reply.code(404).send(notFoundBody(req.method));
    });
    await app.listen({ host, port });
    return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
  }
  let server: Server;
  if (framework === "koa") {
    const app = new Koa();
    app.use(koaBinding(kit));
    app.use((ctx) => {
      ctx.status = 404;
      ctx.body = notFoundBody(ctx.method);
    });
    server = createServer(app.callback());
  } else {
    const app = express();
    app.disable("x-powered-by");
    app.use(expressBinding(kit));
    app.use((req, res) => {
      res.status(404).json(notFoundBody(req.method));
    });
    server = createServer(app);
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
