/** The suite's Fastify host, shared by the suite run and the Fastify-specific tests. */
import Fastify, { type FastifyServerOptions } from "fastify";
import type { MountFn, MountedServer } from "@pleroma-kit/testkit";
import { pleromaKitFastifyOptions, pleromaKitPlugin } from "../src/index.js";

/**
 * Fastify 5 the usual way: its own JSON parser plus a urlencoded one in the host context,
 * pleroma-kit's plugin, host routes, Fastify's own 404. `hostMultipartReader` drains multipart
 * bodies in a root preHandler hook (content-type parsers of the host cannot reach our routes).
 */
export function mountFastifyWith(serverOptions: FastifyServerOptions = {}): MountFn {
  return async (kit, { hostBodyParser, hostMultipartReader, trustProxy }) => {
    const app = Fastify({ logger: false, ...pleromaKitFastifyOptions, ...serverOptions, ...(trustProxy ? { trustProxy: true } : {}) });
    if (hostBodyParser) {
      app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, text, done) => {
        const fields: Record<string, string | string[]> = {};
        for (const [key, value] of new URLSearchParams(text as string)) {
          const prev = fields[key];
          fields[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
        }
        done(null, fields);
      });
    }
    if (hostMultipartReader) {
      app.addHook("preHandler", async (request) => {
        if (request.headers["content-type"]?.startsWith("multipart/")) for await (const _ of request.raw);
      });
    }
    await app.register(pleromaKitPlugin, { kit });
    app.get("/host/ping", async (_request, reply) => reply.type("text/plain").send("pong"));
    app.post("/host/echo", async (request) => ({ body: request.body ?? null }));
    return listen(app);
  };
}

async function listen(app: ReturnType<typeof Fastify>): Promise<MountedServer> {
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  return { baseUrl: address, close: () => app.close() };
}

/** Mounts with the given kit and default Fastify options. */
export const mountFastify: MountFn = mountFastifyWith();
