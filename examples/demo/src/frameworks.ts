/**
 * Starts the kit on the chosen framework, the way a host would mount it: the binding first,
 * then the host's fallback (the frontends' static files, if any), then the host's own 404. Only
 * the chosen framework is loaded.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PleromaKit } from "@pleroma-kit/core";
import { notFoundBody } from "./not-found.js";
import type { StaticFrontends } from "./static-frontend.js";

export type Framework = "express" | "fastify" | "koa";

export interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

/** What no route took: the static frontends, `null` when they do not serve the path either. */
const noFrontends: StaticFrontends = async () => null;

export async function listen(
  framework: Framework,
  kit: PleromaKit,
  host: string,
  port: number,
  frontends: StaticFrontends = noFrontends,
): Promise<Listening> {
  if (framework === "fastify") return listenFastify(kit, host, port, frontends);
  const server = createServer(framework === "koa" ? await koaApp(kit, frontends) : await expressApp(kit, frontends));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
}

async function expressApp(kit: PleromaKit, frontends: StaticFrontends) {
  const { default: express } = await import("express");
  const { pleromaKit } = await import("@pleroma-kit/express");
  const app = express();
  app.disable("x-powered-by");
  app.use(pleromaKit(kit));
  app.use((req, res, next) => {
    frontends(req.method, req.originalUrl, req.get("if-none-match")).then((answer) => {
      if (!answer) res.status(404).json(notFoundBody(req.method));
      else res.status(answer.status).set(answer.headers).end(answer.body);
    }, next);
  });
  return app;
}

async function koaApp(kit: PleromaKit, frontends: StaticFrontends) {
  const { default: Koa } = await import("koa");
  const { pleromaKit } = await import("@pleroma-kit/koa");
  const app = new Koa();
  app.use(pleromaKit(kit));
  app.use(async (ctx) => {
    const answer = await frontends(ctx.method, ctx.originalUrl, ctx.get("if-none-match") || undefined);
    if (!answer) {
      ctx.status = 404;
      ctx.body = notFoundBody(ctx.method);
      return;
    }
    ctx.status = answer.status;
    ctx.set(answer.headers);
    // Koa would replace the type of a Buffer body with octet-stream and drop it for a 304 anyway.
    if (answer.status === 200) {
      ctx.body = answer.body;
      ctx.type = answer.headers["content-type"]!;
    }
  });
  return app.callback();
}

async function listenFastify(kit: PleromaKit, host: string, port: number, frontends: StaticFrontends): Promise<Listening> {
  const { default: Fastify } = await import("fastify");
  const { pleromaKitFastifyOptions, pleromaKitPlugin } = await import("@pleroma-kit/fastify");
  const app = Fastify({ logger: false, ...pleromaKitFastifyOptions });
  await app.register(pleromaKitPlugin, { kit });
  app.setNotFoundHandler(async (req, reply) => {
    const answer = await frontends(req.method, req.raw.url ?? req.url, req.headers["if-none-match"]);
    if (!answer) return reply.code(404).send(notFoundBody(req.method));
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
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
