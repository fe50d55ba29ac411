/**
 * `@pleroma-kit/fastify`: registers pleroma-kit's routes in a Fastify 5 app. A shim over core's
 * Node bridge, which owns every body rule.
 * @packageDocumentation
 */
import type { PleromaKit } from "@pleroma-kit/core";
import { answerNodeRequest, isPrepared } from "@pleroma-kit/core/node";
import type { FastifyPluginAsync } from "fastify";

/**
 * Server options a Fastify host should pass to `Fastify(...)`: its router then treats repeated
 * slashes as one, as nginx's default `merge_slashes` does in front of Akkoma (admin-fe links pack
 * archives as `//api/v1/pleroma/emoji/packs/archive`). A plugin cannot set this itself: Fastify
 * looks routes up before any plugin code runs, and an unmatched path never reaches it. Core
 * matches paths the same way, so nothing else is needed.
 *
 * @example
 * const app = Fastify({ logger: true, ...pleromaKitFastifyOptions });
 */
export const pleromaKitFastifyOptions = { routerOptions: { ignoreDuplicateSlashes: true } } as const;

/**
 * The Fastify plugin: one route per method and path of `kit.routes`, so every other path keeps
 * the host's routes and 404 handler. It is encapsulated on purpose (no fastify-plugin): its
 * content-type parsers pass the raw stream through untouched, so core reads the body (size
 * limit while streaming, multipart files) and the host's parsers stay as they are elsewhere.
 * Answers go through `reply.send` (bytes, or a `Response` for streams), so the host's `onSend`
 * hooks and headers apply.
 *
 * @example
 * const app = Fastify({ ...pleromaKitFastifyOptions });
 * await app.register(pleromaKitPlugin, { kit });
 */
export const pleromaKitPlugin: FastifyPluginAsync<{ kit: PleromaKit }> = async (app, { kit }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
  for (const route of kit.routes) {
    for (const path of route.paths) {
      app.route({
        // Fastify's automatic HEAD route chokes on a Response payload; core answers HEAD itself.
        method: route.method === "GET" ? ["GET", "HEAD"] : route.method,
        exposeHeadRoute: false,
        url: fastifyPath(path),
        handler: async (request, reply) => {
          // `request.ip` honours Fastify's `trustProxy` option; the socket's peer would be the proxy.
          const answer = await answerNodeRequest(kit.fetch, request.raw, reply.raw, { clientAddress: request.ip || null });
          if (!answer) return reply.callNotFound();
          if (!isPrepared(answer)) return reply.send(answer);
          // Bytes, not a Response: Fastify sends them without a web stream.
          return reply.code(answer.status).headers(answer.headers).send(answer.body ?? undefined);
        },
      });
    }
  }
};

/**
 * A trailing `:param` becomes a wildcard: Fastify answers 404 for a parameter longer than its
 * `maxParamLength` (100 decoded characters by default), and a remote emoji name
 * (`shortcode@domain`) can be longer. Core matches the real pattern and decodes the value; a
 * path core does not serve goes back to Fastify's 404 handler via `callNotFound`.
 */
function fastifyPath(path: string): string {
  return path.replace(/\/:[^/]+$/, "/*");
}
