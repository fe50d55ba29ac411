/** Fastify-specific behaviour beyond the shared binding suite: hooks, 404s, limits, errors. */
import Fastify, { type FastifyInstance } from "fastify";
import { randomBytes } from "node:crypto";
import { createBindingKit, SUITE_UPLOAD_LIMIT } from "@pleroma-kit/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { pleromaKitPlugin } from "../src/index.js";

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function start(app: FastifyInstance): Promise<string> {
  apps.push(app);
  return app.listen({ host: "127.0.0.1", port: 0 });
}

describe("fastify binding", () => {
  it("keeps the host's hooks: headers set in onRequest and onSend reach our responses", async () => {
    const app = Fastify();
    app.addHook("onRequest", async (_request, reply) => {
      reply.header("access-control-allow-origin", "*");
    });
    app.addHook("onSend", async (_request, reply, payload) => {
      reply.header("x-host-onsend", "1");
      return payload;
    });
    await app.register(pleromaKitPlugin, { kit: createBindingKit().kit });
    const res = await fetch(`${await start(app)}/api/v1/pleroma/test/echo?x=1`);
    expect(await res.json()).toEqual({ input: { x: "1" }, viewer: null });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("x-host-onsend")).toBe("1");
  });

  it("sends paths our wildcard caught but core does not serve to the host's 404 handler", async () => {
    const app = Fastify();
    app.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ host: "not found" }));
    await app.register(pleromaKitPlugin, { kit: createBindingKit().kit });
    const base = await start(app);
    for (const path of ["/api/v1/pleroma/test/segment/a/b/c", "/api/v1/pleroma/test/nothing"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toEqual({ host: "not found" });
    }
  });

  it("applies the kit's upload limit, not Fastify's bodyLimit, to our routes", async () => {
    const app = Fastify({ bodyLimit: 1024 });
    await app.register(pleromaKitPlugin, { kit: createBindingKit().kit });
    const base = await start(app);
    const form = new FormData();
    form.append("file", new Blob([randomBytes(SUITE_UPLOAD_LIMIT / 2)]), "f.bin");
    const ok = await fetch(`${base}/api/v1/pleroma/test/echo`, { method: "POST", body: form });
    expect(ok.status).toBe(200);
    const big = new FormData();
    big.append("file", new Blob([randomBytes(SUITE_UPLOAD_LIMIT * 2)]), "f.bin");
    const refused = await fetch(`${base}/api/v1/pleroma/test/echo`, { method: "POST", body: big });
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: "Request entity too large." });
  });

  it("hands infrastructure failures of the bridge to the host's error handler", async () => {
    const { kit } = createBindingKit();
    const broken = { ...kit, fetch: async () => Promise.reject(new Error("store unreachable")) };
    const seen: unknown[] = [];
    const app = Fastify();
    app.setErrorHandler(async (error, _request, reply) => {
      seen.push(error);
      return reply.code(503).send({ error: "host says unavailable" });
    });
    await app.register(pleromaKitPlugin, { kit: broken });
    const res = await fetch(`${await start(app)}/api/v1/pleroma/test/echo`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "host says unavailable" });
    expect((seen[0] as Error).message).toBe("store unreachable");
  });
});
