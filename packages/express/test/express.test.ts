/** Express-specific behaviour beyond the shared binding suite: mount paths and error routing. */
import express, { type ErrorRequestHandler } from "express";
import { createBindingKit, serveNode, type MountedServer } from "@pleroma-kit/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { pleromaKit } from "../src/index.js";

const servers: MountedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(app: express.Express): Promise<string> {
  const server = await serveNode(app);
  servers.push(server);
  return server.baseUrl;
}

const echo = (base: string, path: string) => fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"v":1}' });

describe("express binding", () => {
  it("matches on originalUrl: a router mounted at /api still serves /api/v1/pleroma/...", async () => {
    const { kit } = createBindingKit();
    const app = express();
    const router = express.Router();
    router.use(pleromaKit(kit));
    app.use("/api", router);
    const res = await echo(await start(app), "/api/v1/pleroma/test/echo");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ input: { v: 1 }, viewer: null });
  });

  it("does not serve below an unrelated prefix unless matchMountedPath is set", async () => {
    const { kit } = createBindingKit();
    const app = express();
    app.use("/social", pleromaKit(kit, { matchMountedPath: true }));
    app.use("/prefix", pleromaKit(kit));
    const base = await start(app);
    expect((await echo(base, "/prefix/api/v1/pleroma/test/echo")).status).toBe(404);
    const mounted = await echo(base, "/social/api/v1/pleroma/test/echo");
    expect(mounted.status).toBe(200);
    expect(await mounted.json()).toEqual({ input: { v: 1 }, viewer: null });
  });

  it("hands infrastructure failures of the bridge to next(err), not to the client", async () => {
    const { kit } = createBindingKit();
    const broken = { ...kit, fetch: async () => Promise.reject(new Error("store unreachable")) };
    const seen: unknown[] = [];
    const onError: ErrorRequestHandler = (error, _req, res, _next) => {
      seen.push(error);
      res.status(503).json({ error: "host says unavailable" });
    };
    const app = express();
    app.use(pleromaKit(broken));
    app.use(onError);
    const res = await fetch(`${await start(app)}/api/v1/pleroma/test/echo`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "host says unavailable" });
    expect(seen).toHaveLength(1);
    expect((seen[0] as Error).message).toBe("store unreachable");
  });
});
