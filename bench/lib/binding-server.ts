/**
 * The server side of the binding-overhead benchmark, run as a child process so the load
 * generator never shares its event loop: `binding-server.ts <express|fastify|koa>`.
 *
 * It builds one kit (memory store, reference host, the Mastodon routes a demo serves), seeds two
 * statuses with 20 reactions each and a pool of writers, captures the bytes the kit answers for
 * the measured requests, then listens twice in the same framework: once with the binding, once
 * with a bare handler that sends those captured bytes (the most a middleware could reach). It
 * prints one JSON line ({@link BindingServerInfo}) and exits when its stdin closes, so a
 * `--cpu-prof` profile is written on the way out.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPleromaKit, silentLogger, staticEmojiCatalog, type PleromaKit } from "@pleroma-kit/core";
import { createMemoryHostData, createMemoryStore } from "@pleroma-kit/store-memory";
import { createReferenceHost, mastodonRoutes } from "@pleroma-kit/reference-host";

/** The frameworks measured. */
export const FRAMEWORKS = ["express", "fastify", "koa"] as const;
/** One of {@link FRAMEWORKS}. */
export type Framework = (typeof FRAMEWORKS)[number];

/** What the child prints once both servers listen. */
export interface BindingServerInfo {
  readonly framework: Framework;
  readonly barePort: number;
  readonly bindingPort: number;
  /** GET of the reactions of a status with 20 reactions, as a signed-in reader. */
  readonly read: { readonly path: string; readonly token: string; readonly bytes: number };
  /** One writer per connection: PUT then DELETE of its own reaction, so every request changes state. */
  readonly writers: ReadonlyArray<{ readonly path: string; readonly token: string }>;
  readonly writeBytes: { readonly put: number; readonly delete: number };
}

/** Reactions already on each seeded status. */
export const SEEDED_REACTIONS = 20;
/** Writers available; the suite uses one per connection. */
export const WRITERS = 32;

const BASE_URL = "https://bench.example";
const EMOJI = ["👍", "🎉", "❤️", "😂", "🔥"];
const JSON_TYPE = "application/json; charset=utf-8";

async function main(framework: Framework): Promise<void> {
  const { kit, info } = await seededKit();
  const bodies = await capture(kit, info);
  const bare = await listenBare(framework, bodies);
  const binding = await listenBinding(framework, kit);
  const out: BindingServerInfo = { framework, barePort: bare.port, bindingPort: binding.port, ...info, read: { ...info.read, bytes: bodies.read.byteLength }, writeBytes: { put: bodies.put.byteLength, delete: bodies.delete.byteLength } };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.stdin.resume();
  process.stdin.once("end", () => {
    void Promise.all([bare.close(), binding.close()]).finally(() => process.exit(0));
  });
}

/** The kit, two statuses with {@link SEEDED_REACTIONS} reactions each, a reader and the writers. */
async function seededKit(): Promise<{ kit: PleromaKit; info: Omit<BindingServerInfo, "framework" | "barePort" | "bindingPort" | "writeBytes" | "read"> & { read: { path: string; token: string } } }> {
  const host = createReferenceHost(createMemoryHostData(), { baseUrl: BASE_URL, passwordParams: { ln: 4, r: 8, p: 1 } });
  const kit = createPleromaKit({
    baseUrl: BASE_URL,
    store: createMemoryStore(),
    host: host.ports,
    logger: silentLogger,
    emoji: staticEmojiCatalog([{ shortcode: "blobcat", path: "/emoji/blobs/blobcat.png", tags: ["pack:blobs"] }]),
    extraRoutes: (services) => mastodonRoutes(host, services),
  });
  const app = await host.apps.create({ name: "bench", scopes: ["read", "write"] });
  const user = async (nickname: string) => {
    const row = await host.users.register({ nickname, email: `${nickname}@bench.example`, password: `${nickname}-pw` });
    return { id: row.id, token: await host.tokens.issue(row.id, app.id, ["read", "write"]) };
  };
  const author = await user("author");
  const reader = await user("reader");
  const reactors = [];
  for (let i = 0; i < SEEDED_REACTIONS; i++) reactors.push(await user(`reactor${i}`));
  const writers = [];
  for (let i = 0; i < WRITERS; i++) writers.push(await user(`writer${i}`));

  const readStatus = await host.statuses.post({ authorId: author.id, content: "the read status", visibility: "public" });
  const writeStatus = await host.statuses.post({ authorId: author.id, content: "the write status", visibility: "public" });
  for (const status of [readStatus, writeStatus]) {
    for (const [i, r] of reactors.entries()) {
      const outcome = await kit.services.reactions.react(r.id, status.id, EMOJI[i % EMOJI.length]!);
      if (outcome.isErr()) throw new Error(`seeding a reaction failed: ${outcome.error.message}`);
    }
  }
  const reactionPath = (statusId: string, emoji: string) => `/api/v1/pleroma/statuses/${statusId}/reactions/${encodeURIComponent(emoji)}`;
  return {
    kit,
    info: {
      read: { path: `/api/v1/pleroma/statuses/${readStatus.id}/reactions`, token: reader.token },
      writers: writers.map((w, i) => ({ path: reactionPath(writeStatus.id, EMOJI[i % EMOJI.length]!), token: w.token })),
    },
  };
}

/** The bytes the kit answers for the measured requests: what the bare handlers send. */
async function capture(kit: PleromaKit, info: { read: { path: string; token: string }; writers: ReadonlyArray<{ path: string; token: string }> }) {
  const call = async (method: string, path: string, token: string) => {
    const response = await kit.fetch(new Request(`http://bench.invalid${path}`, { method, headers: { authorization: `Bearer ${token}` } }));
    if (response?.status !== 200) throw new Error(`${method} ${path} answered ${response?.status}`);
    return Buffer.from(await response.arrayBuffer());
  };
  const writer = info.writers[0]!;
  const read = await call("GET", info.read.path, info.read.token);
  const put = await call("PUT", writer.path, writer.token);
  const del = await call("DELETE", writer.path, writer.token);
  return { read, put, delete: del };
}

type Bodies = Awaited<ReturnType<typeof capture>>;

interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

const READ_ROUTE = "/api/v1/pleroma/statuses/:id/reactions";
const WRITE_ROUTE = "/api/v1/pleroma/statuses/:id/reactions/:emoji";

/** The framework's cheapest idiomatic handler for each route, sending the captured bytes. */
async function listenBare(framework: Framework, bodies: Bodies): Promise<Listening> {
  if (framework === "express") {
    const { default: express } = await import("express");
    const app = express();
    app.disable("x-powered-by");
    app.disable("etag");
    const send = (body: Buffer) => (_req: unknown, res: import("express").Response) => {
      res.setHeader("content-type", JSON_TYPE);
      res.end(body);
    };
    app.get(READ_ROUTE, send(bodies.read));
    app.put(WRITE_ROUTE, send(bodies.put));
    app.delete(WRITE_ROUTE, send(bodies.delete));
    return listenNode(app);
  }
  if (framework === "koa") {
    const { default: Koa } = await import("koa");
    const app = new Koa();
    // Koa has no router of its own: one middleware that recognises the two routes.
    const read = /^\/api\/v1\/pleroma\/statuses\/[^/]+\/reactions$/;
    const write = /^\/api\/v1\/pleroma\/statuses\/[^/]+\/reactions\/[^/]+$/;
    app.use(async (ctx, next) => {
      const body = ctx.method === "GET" && read.test(ctx.path) ? bodies.read : ctx.method === "PUT" && write.test(ctx.path) ? bodies.put : ctx.method === "DELETE" && write.test(ctx.path) ? bodies.delete : null;
      if (!body) return next();
      ctx.type = JSON_TYPE;
      ctx.body = body;
    });
    return listenNode(app.callback());
  }
  const { default: Fastify } = await import("fastify");
  const app = Fastify({ logger: false });
  const send = (body: Buffer) => async (_req: unknown, reply: import("fastify").FastifyReply) => reply.header("content-type", JSON_TYPE).send(body);
  app.get(READ_ROUTE, send(bodies.read));
  app.put(WRITE_ROUTE, send(bodies.put));
  app.delete(WRITE_ROUTE, send(bodies.delete));
  return listenFastify(app);
}

/** The framework with the binding mounted the way the demo server mounts it. */
async function listenBinding(framework: Framework, kit: PleromaKit): Promise<Listening> {
  if (framework === "express") {
    const { default: express } = await import("express");
    const { pleromaKit } = await import("@pleroma-kit/express");
    const app = express();
    app.disable("x-powered-by");
    app.use(pleromaKit(kit));
    return listenNode(app);
  }
  if (framework === "koa") {
    const { default: Koa } = await import("koa");
    const { pleromaKit } = await import("@pleroma-kit/koa");
    const app = new Koa();
    app.use(pleromaKit(kit));
    return listenNode(app.callback());
  }
  const { default: Fastify } = await import("fastify");
  const { pleromaKitPlugin } = await import("@pleroma-kit/fastify");
  const app = Fastify({ logger: false });
  await app.register(pleromaKitPlugin, { kit });
  return listenFastify(app);
}

async function listenNode(listener: Parameters<typeof createServer>[1]): Promise<Listening> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
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

async function listenFastify(app: import("fastify").FastifyInstance): Promise<Listening> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
}

const framework = process.argv[2] as Framework | undefined;
if (framework && (FRAMEWORKS as readonly string[]).includes(framework) && process.argv[1]?.endsWith("binding-server.ts")) {
  await main(framework);
}
