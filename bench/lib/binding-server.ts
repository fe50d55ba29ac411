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
 *
 * A third server in the same framework does the same work without pleroma-kit's pipeline and
 * bridge: framework routing, the token check through the host port, the same service call and
 * `JSON.stringify`. Binding against it is the overhead of the binding proper; bare against it is
 * the cost of the work itself.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPleromaKit, silentLogger, staticEmojiCatalog, type HostPorts, type Outcome, type PleromaKit } from "@pleroma-kit/core";
import { openBenchStorage, type BenchStorage } from "./bench-storage.js";
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
  /** The same work in a framework-native handler, without the pipeline and bridge. */
  readonly workPort: number;
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

async function main(framework: Framework, storeSpec: string): Promise<void> {
  const storage = await openBenchStorage(storeSpec);
  const { kit, host, info } = await seededKit(storage);
  const bodies = await capture(kit, info);
  const bare = await listenBare(framework, bodies);
  const binding = await listenBinding(framework, kit);
  const work = await listenWork(framework, sameWork(kit, host));
  const out: BindingServerInfo = { framework, barePort: bare.port, bindingPort: binding.port, workPort: work.port, ...info, read: { ...info.read, bytes: bodies.read.byteLength }, writeBytes: { put: bodies.put.byteLength, delete: bodies.delete.byteLength } };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.stdin.resume();
  process.stdin.once("end", () => {
    void Promise.all([bare.close(), binding.close(), work.close()])
      .then(() => storage.close())
      .finally(() => process.exit(0));
  });
}

/** The kit, two statuses with {@link SEEDED_REACTIONS} reactions each, a reader and the writers. */
async function seededKit(storage: BenchStorage): Promise<{ kit: PleromaKit; host: HostPorts; info: Omit<BindingServerInfo, "framework" | "barePort" | "bindingPort" | "workPort" | "writeBytes" | "read"> & { read: { path: string; token: string } } }> {
  const host = createReferenceHost(storage.data, { baseUrl: BASE_URL, passwordParams: { ln: 4, r: 8, p: 1 } });
  const kit = createPleromaKit({
    baseUrl: BASE_URL,
    store: storage.store,
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
    host: host.ports,
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

/** The three measured calls done directly: token through the host port, service, JSON bytes. */
interface Work {
  read(authorization: string | undefined, statusId: string): Promise<Buffer>;
  write(method: string, authorization: string | undefined, statusId: string, emoji: string): Promise<Buffer>;
}

function sameWork(kit: PleromaKit, host: HostPorts): Work {
  const viewer = async (authorization: string | undefined) => {
    const principal = await host.auth.authenticateToken(authorization?.replace(/^Bearer /, "") ?? "");
    if (!principal?.user) throw new Error("bad token");
    return principal.user.id;
  };
  const bytes = async (outcome: Outcome<unknown>) => {
    const result = await outcome;
    if (result.isErr()) throw new Error(result.error.message);
    return Buffer.from(JSON.stringify(result.value));
  };
  return {
    read: async (authorization, statusId) => bytes(kit.services.reactions.list(await viewer(authorization), statusId)),
    write: async (method, authorization, statusId, emoji) => {
      const id = await viewer(authorization);
      return bytes(method === "PUT" ? kit.services.reactions.react(id, statusId, emoji) : kit.services.reactions.unreact(id, statusId, emoji));
    },
  };
}

/** {@link Work} behind the framework's own routing and sending, as a hand-written handler would be. */
async function listenWork(framework: Framework, work: Work): Promise<Listening> {
  if (framework === "express") {
    const { default: express } = await import("express");
    const app = express();
    app.disable("x-powered-by");
    app.disable("etag");
    const send = (res: import("express").Response, body: Buffer) => {
      res.setHeader("content-type", JSON_TYPE);
      res.end(body);
    };
    app.get(READ_ROUTE, (req, res, next) => void work.read(req.headers.authorization, req.params.id as string).then((b) => send(res, b), next));
    const write: import("express").RequestHandler = (req, res, next) =>
      void work.write(req.method, req.headers.authorization, req.params.id as string, req.params.emoji as string).then((b) => send(res, b), next);
    app.put(WRITE_ROUTE, write);
    app.delete(WRITE_ROUTE, write);
    return listenNode(app);
  }
  if (framework === "koa") {
    const { default: Koa } = await import("koa");
    const app = new Koa();
    const read = /^\/api\/v1\/pleroma\/statuses\/([^/]+)\/reactions$/;
    const write = /^\/api\/v1\/pleroma\/statuses\/([^/]+)\/reactions\/([^/]+)$/;
    app.use(async (ctx, next) => {
      const r = ctx.method === "GET" ? read.exec(ctx.path) : null;
      const w = ctx.method === "PUT" || ctx.method === "DELETE" ? write.exec(ctx.path) : null;
      if (!r && !w) return next();
      ctx.type = JSON_TYPE;
      ctx.body = r ? await work.read(ctx.get("authorization"), r[1]!) : await work.write(ctx.method, ctx.get("authorization"), w![1]!, decodeURIComponent(w![2]!));
    });
    return listenNode(app.callback());
  }
  const { default: Fastify } = await import("fastify");
  const app = Fastify({ logger: false });
  type Params = { id: string; emoji: string };
  app.get<{ Params: Params }>(READ_ROUTE, async (req, reply) => reply.header("content-type", JSON_TYPE).send(await work.read(req.headers.authorization, req.params.id)));
  const write = async (req: import("fastify").FastifyRequest<{ Params: Params }>, reply: import("fastify").FastifyReply) =>
    reply.header("content-type", JSON_TYPE).send(await work.write(req.method, req.headers.authorization, req.params.id, req.params.emoji));
  app.put<{ Params: Params }>(WRITE_ROUTE, write);
  app.delete<{ Params: Params }>(WRITE_ROUTE, write);
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

// `binding-server.ts <framework> [memory | sqlite | sqlite-nocache | postgres:<url>]`
const framework = process.argv[2] as Framework | undefined;
if (framework && (FRAMEWORKS as readonly string[]).includes(framework) && process.argv[1]?.endsWith("binding-server.ts")) {
  await main(framework, process.argv[3] ?? "memory");
}
