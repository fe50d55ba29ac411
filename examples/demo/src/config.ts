/**
 * The demo server's configuration. The only place environment variables are read: the packages
 * themselves take ready clients and options.
 */
import { z } from "zod";

export const demoConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4000),
  host: z.string().min(1).default("127.0.0.1"),
  framework: z.enum(["express", "fastify", "koa"]).default("express"),
  /** `nickname:password`: an admin account ensured at start. */
  admin: z
    .string()
    .regex(/^[A-Za-z0-9_]+:.+$/, "PLEROMA_KIT_ADMIN must look like nickname:password")
    .optional(),
  /** `sqlite:./data/demo.sqlite` (default), `sqlite::memory:`, `postgres://...`, or `memory:`. */
  databaseUrl: z.string().min(1).default("sqlite:./data/demo.sqlite"),
  /** Public base URL; defaults to http://HOST:PORT. */
  baseUrl: z.url().optional(),
  /** Where pack files, media and backups are kept; `memory:` keeps them in memory. */
  filesDir: z.string().min(1).default("./data/files"),
  /**
   * Addresses remote fetches (emoji pack download, remote pack lists) may reach although the SSRF
   * guard refuses them by default: comma-separated CIDRs or host names, e.g. `127.0.0.1/32` to let
   * two demo servers on one machine exchange packs.
   */
  fetchAllow: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((x) => x.trim()).filter(Boolean)),
  /** A built web frontend (a folder with `index.html`, e.g. pleroma-fe) served at `/`. */
  frontendDir: z.string().min(1).optional(),
  /** A built admin frontend (e.g. admin-fe) served under `/pleroma/admin/`. */
  adminFrontendDir: z.string().min(1).optional(),
  /** Prefix of the SQL tables, so they can live beside a host's own in one database. */
  tablePrefix: z.string().regex(/^[a-z_][a-z0-9_]{0,20}$/i).default("pk_"),
});

export type DemoConfig = z.output<typeof demoConfigSchema>;
/** The configuration as written (environment strings, before defaults and parsing). */
export type DemoConfigInput = z.input<typeof demoConfigSchema>;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const parsed = demoConfigSchema.safeParse({
    port: env.PORT || undefined,
    host: env.HOST || undefined,
    framework: env.PLEROMA_KIT_FRAMEWORK || undefined,
    admin: env.PLEROMA_KIT_ADMIN || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    baseUrl: env.PLEROMA_KIT_BASE_URL || undefined,
    filesDir: env.PLEROMA_KIT_FILES_DIR || undefined,
    tablePrefix: env.PLEROMA_KIT_TABLE_PREFIX || undefined,
    fetchAllow: env.PLEROMA_KIT_FETCH_ALLOW || undefined,
    frontendDir: env.PLEROMA_KIT_FRONTEND_DIR || undefined,
    adminFrontendDir: env.PLEROMA_KIT_ADMIN_FRONTEND_DIR || undefined,
  });
  if (!parsed.success) {
    throw new Error(`invalid demo configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
