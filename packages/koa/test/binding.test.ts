import Koa, { type Middleware } from "koa";
import { runBindingSuite, serveNode, type MountFn } from "@pleroma-kit/testkit";
import { pleromaKit } from "../src/index.js";

/**
 * A tiny host body parser, as @koa/bodyparser would be: JSON and urlencoded only, stored on
 * `ctx.request.body`; repeated keys become arrays and bracket keys are kept as sent.
 */
const bodyParser: Middleware = async (ctx, next) => {
  const type = ctx.request.is("json", "urlencoded");
  if (type && ctx.request.length !== 0) {
    let text = "";
    for await (const chunk of ctx.req) text += String(chunk);
    const request = ctx.request as { body?: unknown };
    if (type === "json") request.body = text === "" ? {} : (JSON.parse(text) as unknown);
    else {
      const fields: Record<string, string | string[]> = {};
      for (const [key, value] of new URLSearchParams(text)) {
        const prev = fields[key];
        fields[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
      }
      request.body = fields;
    }
  }
  await next();
};

/** Reads multipart bodies to the end before pleroma-kit, as a multipart middleware would. */
const drainMultipart: Middleware = async (ctx, next) => {
  if (ctx.request.is("multipart")) for await (const _ of ctx.req);
  await next();
};

/** Koa 3 the usual way: host parsers, pleroma-kit, host routes, Koa's own 404. */
export const mountKoa: MountFn = async (kit, { hostBodyParser, hostMultipartReader, trustProxy }) => {
  const app = new Koa({ proxy: trustProxy ?? false });
  if (hostMultipartReader) app.use(drainMultipart);
  if (hostBodyParser) app.use(bodyParser);
  app.use(pleromaKit(kit));
  app.use(async (ctx, next) => {
    if (ctx.method === "GET" && ctx.path === "/host/ping") ctx.body = "pong";
    else if (ctx.method === "POST" && ctx.path === "/host/echo") ctx.body = { body: (ctx.request as { body?: unknown }).body ?? null };
    else await next();
  });
  return serveNode(app.callback());
};

runBindingSuite("koa", mountKoa);
