/**
 * Backup benchmark (issue 7): a user with 100,000 statuses, archived by the backup job on the
 * memory store, SQLite (a temp file) and PostgreSQL. Reports seconds and peak RSS; the target is
 * a peak under 150 MB. Each backend runs in its own child process; SQL backends are seeded by one
 * child and backed up by a fresh one, so seeding never counts against the backup's peak.
 *
 * Run alone: `node --conditions=@pleroma-kit/source --import tsx bench/suites/backup.ts`
 * (`BENCH_STATUSES=20000` for a quicker run), or through `npm run bench -- backup` (quick mode:
 * 10,000 statuses; PostgreSQL skipped when the runner found it unreachable).
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import type { FileStore, HostPorts, PleromaStore } from "@pleroma-kit/core";
import { createPleromaKit, inProcessJobs, silentLogger } from "@pleroma-kit/core";
import { createBackupSource, newUser, type HostData } from "@pleroma-kit/reference-host";
import type { BenchRow, BenchSuite } from "../suite.js";

export const name = "backup";

const BACKENDS = ["memory", "sqlite", "postgres"] as const;
type Backend = (typeof BACKENDS)[number];
const STATUSES = Number(process.env.BENCH_STATUSES ?? 100_000);
const TARGET_MB = 150;

/** One backend's figures. */
export interface BackupBenchResult {
  readonly backend: Backend;
  readonly skipped?: string;
  readonly statuses?: number;
  readonly seedSeconds?: number;
  readonly backupSeconds?: number;
  readonly archiveMB?: number;
  /** RSS after imports, before any data: the runtime's share (tsx alone adds ~40 MB). */
  readonly rssBaselineMB?: number;
  /** RSS after seeding, before the backup: for the memory store this includes the 100k statuses. */
  readonly rssBeforeMB?: number;
  readonly peakRssMB?: number;
  /** Peak RSS minus RSS before the backup: what the backup itself cost. */
  readonly backupGrowthMB?: number;
  readonly underTarget?: boolean;
}

/** Runs every backend in a child process and returns their results. */
export async function run(options: { statuses?: number; skipPostgres?: string } = {}): Promise<BackupBenchResult[]> {
  const results: BackupBenchResult[] = [];
  const only = process.env.BENCH_BACKENDS?.split(",");
  for (const backend of BACKENDS.filter((b) => !only || only.includes(b))) {
    if (backend === "postgres" && options.skipPostgres) results.push({ backend, skipped: options.skipPostgres });
    else results.push(await runBackend(backend, options.statuses ?? STATUSES));
  }
  return results;
}

/** The runner's view: one row per backend. */
const suite: BenchSuite = {
  name,
  description: `backup job of a user with many statuses: seconds and peak RSS per store (target: peak under ${TARGET_MB} MB)`,
  async run({ quick, postgresUrl, log }) {
    const statuses = process.env.BENCH_STATUSES ? STATUSES : quick ? 10_000 : 100_000;
    log(`${statuses} statuses per backend`);
    const results = await run({ statuses, ...(postgresUrl === null ? { skipPostgres: "PostgreSQL unreachable" } : {}) });
    return {
      rows: results.map((r) => ({ ...r }) as BenchRow),
      notes: [
        `peak RSS counts the whole measured process (Node and tsx's loader, ~100 MB, included; the memory store also holds its data there); backupGrowthMB is what the backup itself added; target: peak under ${TARGET_MB} MB`,
        "SQL backends are seeded by a separate process; the measured process loads the built packages when they exist (`npm run build`), else the sources (BENCH_FROM_SOURCE=1 forces that)",
      ],
    };
  },
};
export default suite;

/**
 * One backend. SQL data lives in the database, so it is seeded by one child process and backed up
 * by a fresh one: the measured process holds only what the backup needs, as a server would. The
 * memory store's data can only live in the process that backs it up, so its peak includes it.
 */
async function runBackend(backend: Backend, statuses: number): Promise<BackupBenchResult> {
  if (backend === "memory") return runChild(backend, "all", statuses, {});
  const dir = await mkdtemp(join(tmpdir(), "pk-bench-sqlite-"));
  const location = { BENCH_SQLITE_FILE: join(dir, "bench.db"), BENCH_PG_PREFIX: `bench${process.pid}_` };
  try {
    const seeded = await runChild(backend, "seed", statuses, location);
    if (seeded.skipped) return seeded;
    const measured = await runChild(backend, "backup", statuses, location);
    return { ...measured, seedSeconds: seeded.seedSeconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Phase = "all" | "seed" | "backup";

/**
 * The measured process runs this file compiled to plain JavaScript under plain `node`, against the
 * built packages (dist/), as a server runs: under tsx, its loader and the TypeScript sources alone
 * cost ~50 MB of RSS. Falls back to tsx and the sources when the packages are not built or
 * BENCH_FROM_SOURCE=1.
 */
let compiled: Promise<string> | null = null;
async function compiledSelf(): Promise<string> {
  compiled ??= (async () => {
    const { build } = await import("esbuild");
    // Inside the repository (git-ignored), so its bare imports resolve from node_modules.
    const outfile = fileURLToPath(new URL("../../.bench-out/backup-child.mjs", import.meta.url));
    await build({ entryPoints: [fileURLToPath(import.meta.url)], outfile, bundle: true, packages: "external", format: "esm", platform: "node", target: "node20", logLevel: "silent" });
    return outfile;
  })();
  return compiled;
}

async function runChild(backend: Backend, phase: Phase, statuses: number, env: Record<string, string>): Promise<BackupBenchResult> {
  const self = fileURLToPath(import.meta.url);
  const fromSource = process.env.BENCH_FROM_SOURCE === "1" || !existsSync(fileURLToPath(new URL("../../packages/core/dist/index.js", import.meta.url)));
  const heapFlags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const args = fromSource
    ? ["--expose-gc", ...heapFlags, "--conditions=@pleroma-kit/source", "--import", "tsx", self]
    : ["--expose-gc", ...heapFlags, await compiledSelf()];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, "--child", backend, phase], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...env, BENCH_STATUSES: String(statuses) },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as BackupBenchResult);
      } catch {
        reject(new Error(`backup bench child for ${backend} exited ${code}: ${out}`));
      }
    });
  });
}

async function child(backend: Backend, phase: Phase): Promise<BackupBenchResult> {
  (globalThis as { gc?: () => void }).gc?.();
  const rssBaseline = process.memoryUsage.rss();
  const setup = await openBackend(backend);
  if ("skipped" in setup) return { backend, skipped: setup.skipped };
  const dir = await mkdtemp(join(tmpdir(), "pk-bench-backup-"));
  try {
    const seedStart = performance.now();
    const userId = phase === "backup" ? BENCH_USER_ID : await seed(setup.data);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    if (phase === "seed") return { backend, seedSeconds: Math.round(seedSeconds * 10) / 10 };

    const jobs = inProcessJobs({ logger: silentLogger });
    const files = diskFileStore(dir);
    const host = hostPorts(setup.data, createBackupSource({ data: setup.data, baseUrl: "https://bench.example" }));
    const backups = process.env.BENCH_PAGE_SIZE ? { pageSize: Number(process.env.BENCH_PAGE_SIZE) } : {};
    const kit = createPleromaKit({ baseUrl: "https://bench.example", store: setup.store, host, files, jobs, logger: silentLogger, backups });

    (globalThis as { gc?: () => void }).gc?.();
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
    const start = performance.now();
    const created = await kit.services.backups.create(userId, "bench");
    if (created.isErr()) throw new Error(`create failed: ${created.error.message}`);
    await jobs.drain();
    const backupSeconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss(), rssBefore);

    const [row] = await setup.store.backups!.listByUser(userId);
    if (row?.state !== "done") throw new Error(`backup ended ${row?.state}`);
    const mb = (n: number) => Math.round((n / 1e6) * 10) / 10;
    return {
      backend,
      statuses: STATUSES,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      backupSeconds: Math.round(backupSeconds * 100) / 100,
      archiveMB: mb(row.fileSize),
      rssBaselineMB: mb(rssBaseline),
      rssBeforeMB: mb(rssBefore),
      peakRssMB: mb(peak),
      backupGrowthMB: mb(peak - rssBefore),
      underTarget: peak / 1e6 < TARGET_MB,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    // The seeding child leaves the data for the measuring one; the last phase removes it.
    await setup.close(phase !== "seed");
  }
}

type Setup = { data: HostData; store: PleromaStore; close(dropData: boolean): Promise<void> } | { skipped: string };

async function openBackend(backend: Backend): Promise<Setup> {
  if (backend === "memory") {
    const { createMemoryStore } = await import("@pleroma-kit/store-memory");
    const { createMemoryHostData } = await import("@pleroma-kit/reference-host/memory");
    return { data: createMemoryHostData(), store: createMemoryStore(), close: async () => {} };
  }
  const { createSqlStore, migrate } = await import("@pleroma-kit/store-sql");
  const { createSqlHostData, migrateReferenceHost } = await import("@pleroma-kit/reference-host/sql");
  const { Kysely, PostgresDialect, SqliteDialect, sql } = await import("kysely");
  if (backend === "sqlite") {
    const Database = (await import("better-sqlite3")).default;
    const database = new Database(process.env.BENCH_SQLITE_FILE ?? ":memory:");
    database.pragma("journal_mode = WAL");
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
    const options = { dialect: "sqlite" as const };
    await migrate(db, options);
    await migrateReferenceHost(db, options);
    return { data: createSqlHostData(db, options), store: createSqlStore(db, options), close: () => db.destroy() };
  }
  const pg = (await import("pg")).default;
  const url = process.env.PLEROMA_KIT_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end();
    return { skipped: `PostgreSQL not reachable at ${url} (${String(error)})` };
  }
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const options = { dialect: "postgres" as const, tablePrefix: process.env.BENCH_PG_PREFIX ?? `bench${process.pid}_` };
  await migrate(db, options);
  await migrateReferenceHost(db, options);
  return {
    data: createSqlHostData(db, options),
    store: createSqlStore(db, options),
    async close(dropData) {
      if (dropData) {
        const tables = (await db.introspection.getTables()).filter((t) => t.name.startsWith(options.tablePrefix));
        for (const t of tables) await sql`drop table if exists ${sql.table(t.name)} cascade`.execute(db);
      }
      await db.destroy();
    },
  };
}

const BENCH_USER_ID = "000000000000000000000001";

/** The user, 100k statuses, 1,000 favourites and 200 follows; written 50 at a time. */
async function seed(data: HostData): Promise<string> {
  const createdAt = new Date(Date.UTC(2025, 0, 1));
  const base = { passwordHash: "", hideFavorites: false, createdAt };

  const user = await data.users.create(newUser({ ...base, id: BENCH_USER_ID, nickname: "bench", displayName: "Bench" }));
  const friends = await inBatches(200, (i) =>
    data.users.create(newUser({ ...base, id: `1${String(i).padStart(23, "0")}`, nickname: `friend${i}`, displayName: "", domain: "remote.example" })),
  );
  await inBatches(friends.length, (i) => data.relations.add("follow", user.id, friends[i]!.id));
  await inBatches(STATUSES, (i) =>
    data.statuses.create({
      id: `2${String(i).padStart(23, "0")}`,
      authorId: user.id,
      content: `<p>Status ${i}: ${Array.from({ length: 30 }, (_, j) => ((i * 2654435761 + j * 40503) >>> 0).toString(36)).join(" ")}</p>`,
      spoilerText: "",
      visibility: i % 10 === 0 ? "unlisted" : "public",
      inReplyToId: null,
      contextId: `2${String(i).padStart(23, "0")}`,
      mentionIds: [],
      sensitive: false,
      createdAt: new Date(createdAt.getTime() + i * 60_000),
    }),
  );
  await inBatches(1000, (i) => data.favourites.add(user.id, `2${String(i * 7).padStart(23, "0")}`, new Date(createdAt.getTime() + i)));
  return user.id;
}

async function inBatches<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += 50) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => make(i + k)))));
  }
  return out;
}

/** Only what the backup path touches; the rest is never called. */
function hostPorts(data: HostData, backupSource: HostPorts["backupSource"]): HostPorts {
  const unused = async (): Promise<never> => {
    throw new Error("not used by the backup benchmark");
  };
  return {
    auth: { authenticateToken: unused, authenticateSession: unused, authenticateBasic: unused },
    accounts: {
      get: async (id) => {
        const u = await data.users.byId(id);
        return u ? { id: u.id, nickname: u.nickname, isLocal: u.domain === null, isActive: u.isActive, email: u.email } : null;
      },
      activeAmong: unused,
      findByNickname: unused,
      render: unused,
    },
    statuses: { getVisible: unused, render: unused },
    relationships: { hiddenFor: unused },
    notifications: { create: unused, markOneRead: unused, markReadUpTo: unused },
    federation: { publish: unused },
    ...(backupSource ? { backupSource } : {}),
  };
}

/** Streams writes to a temp file and renames it when complete (what a filesystem FileStore does). */
function diskFileStore(dir: string): FileStore {
  const path = (key: string) => join(dir, key.replaceAll("/", "__"));
  const fileStat = async (key: string) => {
    const s = await stat(path(key)).catch(() => null);
    return s ? { size: s.size, modifiedAt: s.mtime } : null;
  };
  return {
    async write(key, body, options) {
      const temp = `${path(key)}.tmp`;
      const source = body instanceof Uint8Array ? [body] : (body as AsyncIterable<Uint8Array>);
      try {
        await pipeline(Readable.from(source), createWriteStream(temp), options?.signal ? { signal: options.signal } : {});
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await rename(temp, path(key));
      return (await fileStat(key))!;
    },
    read: async () => null,
    stat: fileStat,
    async delete(key) {
      await rm(path(key), { force: true });
      return true;
    },
    list: async () => [],
    move: async () => {},
    publicUrl: () => null,
  };
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const i = process.argv.indexOf("--child");
  if (i >= 0) {
    const result = await child(process.argv[i + 1] as Backend, (process.argv[i + 2] ?? "all") as Phase);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  } else {
    const results = await run();
    console.table(results);
  }
}
