/**
 * Pack archive benchmark (issue 5): a 1,000-file emoji pack on the local filesystem, archived by
 * `GET /api/v1/pleroma/emoji/packs/archive` (cold: built, hashed and cached; warm: served from the
 * cache) and by the system `zip` on the same files (`-0`, stored like ours, and the default
 * `-6`). Reports seconds, archive size and peak RSS. Each measurement runs in its own process so
 * one run's heap never counts against another's peak. Without `zip` on the PATH the comparison
 * rows say so and the rest still runs.
 *
 * Run alone: `node --conditions=@pleroma-kit/source --import tsx bench/suites/pack-archive.ts`
 * (`BENCH_PACK_FILES=200` / `BENCH_PACK_FILE_KB=8` for a quicker run), or through
 * `npm run bench -- pack-archive` (quick mode: 200 files).
 */
import { execFile, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { BenchRow, BenchSuite } from "../suite.js";

export const name = "pack-archive";

let FILES = Number(process.env.BENCH_PACK_FILES ?? 1000);
const FILE_KB = Number(process.env.BENCH_PACK_FILE_KB ?? 16);

/** One measurement. */
export interface PackArchiveRow {
  readonly tool: string;
  readonly files: number;
  readonly skipped?: string;
  readonly seconds?: number;
  readonly archiveMB?: number;
  /** Peak resident memory of the process doing the work. */
  readonly peakRssMB?: number;
  /** Peak RSS minus RSS just before the work started (the archive's own cost; ours only). */
  readonly growthMB?: number;
}

/** Builds the pack once, then measures each tool on it. */
export async function run(): Promise<PackArchiveRow[]> {
  const root = await mkdtemp(join(tmpdir(), "pk-bench-packs-"));
  try {
    const packDir = join(root, "files", "emoji", "bench");
    await seed(packDir);
    const rows: PackArchiveRow[] = [];
    rows.push(await runChild(root, "kit-cold"));
    rows.push(await runChild(root, "kit-warm"));
    rows.push(await systemZip(packDir, root, "-0"));
    rows.push(await systemZip(packDir, root, "-6"));
    return rows;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The runner's view: one row per tool. */
const suite: BenchSuite = {
  name,
  description: "emoji pack archive download (1,000 files): seconds, size and peak RSS, against the system zip",
  async run({ quick }) {
    if (quick && !process.env.BENCH_PACK_FILES) FILES = 200;
    const rows = await run();
    return { rows: rows.map((r) => ({ ...r }) as BenchRow), notes: [`${FILES} files of ${FILE_KB} KB; each measurement in its own process`] };
  },
};
export default suite;

/** 1,000 PNG-signed files of random bytes (incompressible, like real emoji) and their pack.json. */
async function seed(packDir: string): Promise<void> {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    const path = i % 4 === 0 ? `sub/emoji_${i}.png` : `emoji_${i}.png`;
    files[`emoji_${i}`] = path;
    await mkdir(dirname(join(packDir, path)), { recursive: true });
    const body = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(FILE_KB * 1024 - 8)]);
    await writeFile(join(packDir, path), body);
  }
  const pack = { files, pack: { "share-files": true }, files_count: FILES };
  await writeFile(join(packDir, "pack.json"), `${JSON.stringify(pack, null, 2)}\n`);
}

function runChild(root: string, mode: "kit-cold" | "kit-warm"): Promise<PackArchiveRow> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--conditions=@pleroma-kit/source", "--import", "tsx", self, "--child", mode, root], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, BENCH_PACK_FILES: String(FILES) },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      try {
        resolve(JSON.parse(out.trim().split("\n").pop() ?? "") as PackArchiveRow);
      } catch {
        reject(new Error(`pack-archive bench child ${mode} exited ${code}: ${out}`));
      }
    });
  });
}

/** In the child: one archive request through the kit, the body drained as a client would. */
async function child(mode: "kit-cold" | "kit-warm", root: string): Promise<PackArchiveRow> {
  const { createPleromaKit, localFileStore, silentLogger } = await import("@pleroma-kit/core");
  const { createMemoryStore } = await import("@pleroma-kit/store-memory");
  const host = {} as import("@pleroma-kit/core").HostPorts; // the archive route reads no host data
  const kit = createPleromaKit({ baseUrl: "http://bench.local", store: createMemoryStore(), host, logger: silentLogger, files: localFileStore(join(root, "files")) });
  const fetchArchive = async () => {
    const res = await kit.fetch(new Request("http://bench.local/api/v1/pleroma/emoji/packs/archive?name=bench"));
    if (!res || res.status !== 200 || !res.body) throw new Error(`archive answered ${res?.status}`);
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    return bytes;
  };
  if (mode === "kit-warm") await fetchArchive();
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  const started = performance.now();
  const bytes = await fetchArchive();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return {
    tool: mode === "kit-cold" ? "pleroma-kit archive (cold: build + hash + cache)" : "pleroma-kit archive (warm: cached)",
    files: FILES,
    seconds: round(seconds),
    archiveMB: round(bytes / 1e6),
    peakRssMB: round(peak / 1e6),
    growthMB: round((peak - before) / 1e6),
  };
}

/** The system `zip` on the same directory, timed with `/usr/bin/time` for its peak RSS when present. */
async function systemZip(packDir: string, root: string, level: "-0" | "-6"): Promise<PackArchiveRow> {
  const tool = `system zip ${level}`;
  if (spawnSync("zip", ["-v"], { stdio: "ignore" }).status !== 0) return { tool, files: FILES, skipped: "zip not installed" };
  const out = join(root, `system${level}.zip`);
  const hasTime = spawnSync("/usr/bin/time", ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;
  const args = [level, "-q", "-r", "-X", out, "."];
  const started = performance.now();
  const { stderr } = hasTime
    ? await promisify(execFile)("/usr/bin/time", ["-f", "%M", "zip", ...args], { cwd: packDir })
    : await promisify(execFile)("zip", args, { cwd: packDir });
  const seconds = (performance.now() - started) / 1000;
  const maxKb = hasTime ? Number(stderr.trim().split("\n").pop()) : NaN;
  return {
    tool,
    files: FILES,
    seconds: round(seconds),
    archiveMB: round((await stat(out)).size / 1e6),
    ...(Number.isFinite(maxKb) ? { peakRssMB: round((maxKb * 1024) / 1e6) } : {}),
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

if (process.argv[2] === "--child") {
  const mode = process.argv[3] as "kit-cold" | "kit-warm";
  child(mode, process.argv[4]!).then(
    (row) => process.stdout.write(`${JSON.stringify(row)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
} else if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((rows) => console.table(rows));
}
