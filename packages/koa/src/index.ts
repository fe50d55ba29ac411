/**
 * `@pleroma-kit/koa`: mounts pleroma-kit in a Koa 2 or 3 app. A shim over core's Node bridge,
 * which owns every body rule; requests that are not ours go on down the middleware stack.
 * @packageDocumentation
 */
import type { PleromaKit } from "@pleroma-kit/core";
import { handleNodeRequest } from "@pleroma-kit/core/node";
import type { Middleware } from "koa";

/**
 * The Koa middleware. Answers on `ctx.res` itself (`ctx.respond = false`), so Koa adds nothing
 * to our responses; a body parser mounted before it is reused (`ctx.request.body`).
 *
 * @example
 * app.use(pleromaKit(kit));
 */
export function pleromaKit(kit: PleromaKit): Middleware {
  return async (ctx, next) => {
    // Set by body parsers (@koa/bodyparser, koa-body); the bridge uses it only when the stream is gone.
    const parsedBody = (ctx.request as { body?: unknown }).body;
    // `originalUrl` keeps the full path under koa-mount, like Express's `originalUrl`.
    // `ctx.ip` honours `app.proxy` (X-Forwarded-For); the socket's peer would be the proxy.
    const handled = await handleNodeRequest(kit.fetch, ctx.req, ctx.res, { parsedBody, url: ctx.originalUrl, clientAddress: ctx.ip || null });
    if (handled) ctx.respond = false;
    else await next();
  };
}
