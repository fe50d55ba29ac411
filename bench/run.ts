/**
 * `npm run bench [-- <suite>...] [--quick]` (or `BENCH_QUICK=1`): runs every suite under `bench/suites/` (or the named
 * ones), prints a table per suite and writes `.bench-out/<suite>.json`. See bench/README.md.
 *
 * PostgreSQL: `PLEROMA_KIT_PG_URL` (default postgres://postgres@127.0.0.1:5432/test). When it
 * does not answer, suites measure SQLite only and say so, unless `PLEROMA_KIT_REQUIRE_PG=1`.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import type { BenchRow, BenchSuite } from "./suite.js";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", ".bench-out");

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick") || process.env.BENCH_QUICK === "1";
  const names = args.filter((a) => !a.startsWith("--"));
  const files = readdirSync(join(here, "suites")).filter((f) => f.endsWith(".ts")).sort();
  const available = files.map((f) => f.slice(0, -3));
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length > 0) {
    console.error(`unknown suite(s): ${unknown.join(", ")}; available: ${available.join(", ")}`);
    return 2;
  }
  const chosen = names.length > 0 ? files.filter((f) => names.includes(f.slice(0, -3))) : files;
  const postgresUrl = await reachablePostgres();
  if (postgresUrl === undefined) return 1;
  mkdirSync(outDir, { recursive: true });
  let failed = 0;
  const summary: BenchRow[] = [];
  for (const file of chosen) {
    const suite = (await import(pathToFileURL(join(here, "suites", file)).href)).default as BenchSuite;
    console.log(`\n## ${suite.name}: ${suite.description}`);
    const started = Date.now();
    try {
      const report = await suite.run({ log: (m) => console.error(`  [${suite.name}] ${m}`), postgresUrl, quick });
      console.log(table(report.rows));
      for (const note of report.notes ?? []) console.log(`  note: ${note}`);
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const file = join(outDir, `${suite.name}.json`);
      writeFileSync(
        file,
        `${JSON.stringify({ suite: suite.name, description: suite.description, finishedAt: new Date().toISOString(), seconds, node: process.version, platform: `${process.platform}-${process.arch}`, quick, rows: report.rows, notes: report.notes ?? [] }, null, 2)}\n`,
      );
      console.log(`  (${seconds} s; written to ${file})`);
      summary.push({ suite: suite.name, seconds, rows: report.rows.length, "targets met": targetsMet(report.rows) });
    } catch (error) {
      failed++;
      console.error(`  suite ${suite.name} failed:`, error);
      summary.push({ suite: suite.name, seconds: Math.round((Date.now() - started) / 100) / 10, rows: 0, "targets met": "failed" });
    }
  }
  console.log(`\n## summary${quick ? " (quick)" : ""}`);
  console.log(table(summary));
  return failed > 0 ? 1 : 0;
}

/** The PostgreSQL URL when it answers; null to skip it; undefined when it is required but down. */
async function reachablePostgres(): Promise<string | null | undefined> {
  const url = process.env.PLEROMA_KIT_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return url;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (process.env.PLEROMA_KIT_REQUIRE_PG === "1") {
      console.error(`PostgreSQL unreachable (${why}) and PLEROMA_KIT_REQUIRE_PG=1`);
      return undefined;
    }
    console.error(`PostgreSQL unreachable (${why}): PostgreSQL cases skipped; set PLEROMA_KIT_REQUIRE_PG=1 to make this fail`);
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * "all", "none" or "k of n" over the rows' boolean cells (the target checks), "-" without any:
 * the one line per suite the summary table shows.
 */
function targetsMet(rows: readonly BenchRow[]): string {
  const checks = rows.flatMap((r) => Object.values(r).filter((v): v is boolean => typeof v === "boolean"));
  if (checks.length === 0) return "-";
  const met = checks.filter(Boolean).length;
  return met === checks.length ? "all" : met === 0 ? "none" : `${met} of ${checks.length}`;
}

/** A plain aligned text table with the union of the rows' columns. */
function table(rows: readonly BenchRow[]): string {
  if (rows.length === 0) return "  (no rows)";
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: BenchRow[string] | undefined) => (v === undefined || v === null ? "" : typeof v === "boolean" ? (v ? "yes" : "NO") : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => `  ${values.map((v, i) => v.padEnd(widths[i]!)).join("  ")}`;
  return [line(columns), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join("\n");
}

process.exitCode = await main();
