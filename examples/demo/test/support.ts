import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe } from "vitest";
import { consoleLogger } from "@pleroma-kit/core";
import { newUser } from "@pleroma-kit/reference-host";
import { describeWhenPostgres, postgresUrl, probePostgres } from "@pleroma-kit/testkit";
import { demoConfigSchema, type DemoConfig, type DemoConfigInput } from "../src/config.js";
import { startDemoServer, type DemoOverrides, type DemoServer } from "../src/server.js";

export const frameworks = ["express", "fastify", "koa"] as const;

const pgUrl = postgresUrl;
const pgProblem = await probePostgres();

export interface StoreChoice {
  readonly name: string;
  /** Database URL and table prefix for one server; cleaned up by `dispose`. */
  open(): { databaseUrl: string; tablePrefix: string; dispose(): Promise<void> };
}

export const stores: StoreChoice[] = [
  { name: "memory", open: () => ({ databaseUrl: "memory:", tablePrefix: "pk_", dispose: async () => {} }) },
  {
    name: "sqlite",
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), "pk-demo-"));
      return { databaseUrl: `sqlite:${join(dir, "demo.sqlite")}`, tablePrefix: "pk_", dispose: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "postgres",
    open: () => {
      const tablePrefix = `d${randomBytes(4).toString("hex")}_`;
      return {
        databaseUrl: pgUrl,
        tablePrefix,
        async dispose() {
          const client = new pg.Client({ connectionString: pgUrl });
          await client.connect();
          const { rows } = await client.query("select tablename from pg_tables where tablename like $1", [`${tablePrefix}%`]);
          for (const r of rows) await client.query(`drop table if exists "${r.tablename}" cascade`);
          // The job queue's schema (pg-boss), named after the prefix.
          await client.query(`drop schema if exists "${tablePrefix}pgboss" cascade`);
          await client.end();
        },
      };
    },
  },
];

/** `describe` for a store; for PostgreSQL, skipped visibly (or failing under PLEROMA_KIT_REQUIRE_PG=1) when unreachable. */
export function describeStore(store: StoreChoice, name: string, fn: () => void): void {
  if (store.name === "postgres") describeWhenPostgres(pgProblem, name, fn);
  else describe(name, fn);
}

/** Starts a demo server on a free port; returns it with a cleanup. */
export async function startServer(
  framework: DemoConfig["framework"],
  store: StoreChoice,
  extra: Partial<DemoConfigInput> = {},
  overrides: DemoOverrides = {},
) {
  const storage = store.open();
  const config = demoConfigSchema.parse({
    port: 0,
    host: "127.0.0.1",
    framework,
    databaseUrl: storage.databaseUrl,
    tablePrefix: storage.tablePrefix,
    filesDir: "memory:",
    ...extra,
  });
  // Errors still reach stderr; the start-up line of every server would only be noise.
  const server = await startDemoServer(config, { logger: consoleLogger("warn"), ...overrides });
  return {
    server,
    async stop() {
      await server.close();
      await storage.dispose();
    },
  };
}

/** A JSON client over real HTTP. */
export function client(server: DemoServer) {
  return async (method: string, path: string, init: { token?: string; json?: unknown; form?: FormData } = {}) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: BodyInit | undefined;
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) body = init.form;
    const res = await fetch(`${server.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: any = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
}

const testApps = new WeakMap<DemoServer, { id: string }>();

/** Creates a user and a token without going through password hashing (fast, for bulk users). */
export async function quickUser(server: DemoServer, nickname: string, options: { isAdmin?: boolean } = {}) {
  const host = server.host;
  const user = await host.data.users.create(
    newUser({ id: host.context.ids.next(), nickname, passwordHash: "$invalid$", isAdmin: options.isAdmin ?? false }),
  );

  let app = testApps.get(server);
  if (!app) testApps.set(server, (app = await host.apps.create({ name: "test", scopes: ["read", "write", "follow", "admin"] })));
  const scopes = options.isAdmin ? ["read", "write", "follow", "admin"] : ["read", "write", "follow"];
  const token = await host.tokens.issue(user.id, app.id, scopes);
  return { id: user.id, nickname, token };
}

export const unique = (base: string) => `${base}${randomBytes(3).toString("hex")}`;

/** A 1x1 PNG: the smallest file the emoji-pack upload accepts as an image. */
export const TINY_PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f80f00000101000518d84e0000000049454e44ae426082",
  "hex",
);
