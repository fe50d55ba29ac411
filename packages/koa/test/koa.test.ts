/** Koa-specific behaviour beyond the shared binding suite: upstream middleware and errors. */
import Koa from "koa";
import { createBindingKit, serveNode, type MountedServer } from "@pleroma-kit/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { pleromaKit } from "../src/index.js";

const servers: MountedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(app: Koa): Promise<string> {
  const server = await serveNode(app.callback());
  servers.push(server);
  return server.baseUrl;
}

describe("koa binding", () => {
  it("keeps headers upstream middleware set before it (CORS, request ids)", async () => {
    const { kit } = createBindingKit();
    const app = new Koa();
    app.use(async (ctx, next) => {
      ctx.set("access-control-allow-origin", "*");
      await next();
    });
    app.use(pleromaKit(kit));
    const res = await fetch(`${await start(app)}/api/v1/pleroma/test/echo?x=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toEqual({ input: { x: "1" }, viewer: null });
  });

  it("throws infrastructure failures of the bridge into Koa's error handling", async () => {
    const { kit } = createBindingKit();
    const broken = { ...kit, fetch: async () => Promise.reject(new Error("store unreachable")) };
    const seen: unknown[] = [];
    const app = new Koa();
    app.use(async (ctx, next) => {
      try {
        await next();
      } catch (error) {
        seen.push(error);
        ctx.status = 503;
        ctx.body = { error: "host says unavailable" };
      }
    });
    app.use(pleromaKit(broken));
    const res = await fetch(`${await start(app)}/api/v1/pleroma/test/echo`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "host says unavailable" });
    expect((seen[0] as Error).message).toBe("store unreachable");
  });
});
