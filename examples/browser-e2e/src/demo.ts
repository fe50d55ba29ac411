/**
 * A demo server for a browser suite, in this process: port 0 on loopback, SQLite and files in a
 * temporary folder, an admin account, and the frontend folders to serve.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { consoleLogger } from "@pleroma-kit/core";
import { demoConfigSchema, type DemoConfigInput } from "../../demo/src/config.js";
import { startDemoServer, type DemoServer } from "../../demo/src/server.js";
import { apiClient, type ApiClient } from "./api.js";

export interface DemoOptions {
  /** Folder served at `/` (from `unpackFrontend("pleroma-fe")`). */
  readonly frontendDir?: string;
  /** Folder served under `/pleroma/admin/` (from `unpackFrontend("admin-fe")`). */
  readonly adminFrontendDir?: string;
  readonly framework?: "express" | "fastify" | "koa";
  /** Any other demo setting (e.g. `fetchAllow` for a second instance). */
  readonly config?: Partial<DemoConfigInput>;
}

export interface E2EDemo {
  /** `http://127.0.0.1:PORT`, what the browser opens. */
  readonly url: string;
  readonly server: DemoServer;
  /** The admin account ensured at start. */
  readonly admin: { readonly nickname: string; readonly password: string };
  /** JSON calls over real HTTP, for set-up and for checking what the UI did. */
  readonly api: ApiClient;
  stop(): Promise<void>;
}

export const ADMIN = { nickname: "admin", password: "admin-password-e2e" } as const;

export async function startDemo(options: DemoOptions = {}): Promise<E2EDemo> {
  const dir = mkdtempSync(join(tmpdir(), "pk-e2e-demo-"));
  const config = demoConfigSchema.parse({
    port: 0,
    host: "127.0.0.1",
    framework: options.framework ?? "express",
    databaseUrl: `sqlite:${join(dir, "demo.sqlite")}`,
    filesDir: join(dir, "files"),
    admin: `${ADMIN.nickname}:${ADMIN.password}`,
    frontendDir: options.frontendDir,
    adminFrontendDir: options.adminFrontendDir,
    ...options.config,
  });
  let server: DemoServer;
  try {
    // Warnings and errors still reach the test output; the start-up line would be noise.
    server = await startDemoServer(config, { logger: consoleLogger("warn") });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    server,
    admin: ADMIN,
    api: apiClient(server.url),
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
