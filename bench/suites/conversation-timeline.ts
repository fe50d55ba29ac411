/**
 * Conversation timeline benchmark (issue 6): one conversation holding 1,000, 10,000 and 100,000
 * statuses (plus as many rows of other conversations), on SQLite (in memory) and PostgreSQL. It
 * times the store call `GET /conversations/:id/statuses` makes (`conversations.statusIds`) for the
 * newest page, a page in the middle (`max_id`) and an ascending page (`min_id`), and reports the
 * median latency per size and the ratio 100k/1k (target: below 2, i.e. the query cost does not
 * grow with the table, because it is a range scan of the (conversation_id, status_key) key).
 *
 * Run alone: `node --conditions=@pleroma-kit/source --import tsx bench/suites/conversation-timeline.ts`
 * (`BENCH_SIZES=1000,10000` for a quicker run, `BENCH_BACKENDS=sqlite`), or through
 * `npm run bench -- conversation-timeline` (quick mode: 1,000 and 10,000 rows). PostgreSQL comes
 * from `PLEROMA_KIT_PG_URL` (default the local test server).
 */
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { PleromaStore } from "@pleroma-kit/core";
import { idSortKey } from "@pleroma-kit/core/store-kit";
import { createSqlStore, migrate, openSqlDatabase, type SqlDatabase } from "@pleroma-kit/store-sql";
import type { BenchRow, BenchSuite } from "../suite.js";

export const name = "conversation-timeline";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const QUICK_SIZES = [1000, 10_000];
const BACKENDS = ["sqlite", "postgres"] as const;
type Backend = (typeof BACKENDS)[number];
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const TARGET_RATIO = 2;

/** Median milliseconds per page for one backend and size. */
export interface TimelineSample {
  readonly rows: number;
  readonly newestMs: number;
  readonly middleMs: number;
  readonly ascendingMs: number;
}

/** One backend's figures. */
export interface TimelineBenchResult {
  readonly backend: Backend;
  readonly skipped?: string;
  readonly samples?: TimelineSample[];
  /** Median of the three page kinds at the largest size over the smallest. */
  readonly ratio?: number;
  readonly underTarget?: boolean;
}

/** Runs every backend and returns their results. */
export async function run(options: { sizes?: readonly number[]; skipPostgres?: string } = {}): Promise<TimelineBenchResult[]> {
  const only = process.env.BENCH_BACKENDS?.split(",");
  const results: TimelineBenchResult[] = [];
  for (const backend of BACKENDS.filter((b) => !only || only.includes(b))) {
    if (backend === "postgres" && options.skipPostgres) results.push({ backend, skipped: options.skipPostgres });
    else results.push(await runBackend(backend, options.sizes ?? SIZES));
  }
  return results;
}

/** The runner's view: one row per backend and size; the ratio on each backend's largest size. */
const suite: BenchSuite = {
  name,
  description: "conversation timeline page (conversations.statusIds) latency at growing sizes, SQLite and PostgreSQL",
  async run({ quick, postgresUrl }) {
    const sizes = process.env.BENCH_SIZES || !quick ? SIZES : QUICK_SIZES;
    const results = await run({ sizes, ...(postgresUrl === null ? { skipPostgres: "PostgreSQL unreachable" } : {}) });
    const rows: BenchRow[] = [];
    for (const r of results) {
      if (r.skipped !== undefined) {
        rows.push({ backend: r.backend, skipped: r.skipped });
        continue;
      }
      for (const [i, s] of (r.samples ?? []).entries()) {
        const last = i === r.samples!.length - 1;
        rows.push({
          backend: r.backend,
          rows: s.rows,
          "newest ms": s.newestMs,
          "middle ms": s.middleMs,
          "ascending ms": s.ascendingMs,
          [`ratio to ${sizes[0]}`]: last ? (r.ratio ?? null) : null,
          "under target": last ? (r.underTarget ?? null) : null,
        });
      }
    }
    return { rows, notes: [`median of ${ITERATIONS} sequential calls per page kind; target: median at the largest size / median at the smallest under ${TARGET_RATIO}`] };
  },
};
export default suite;

async function runBackend(backend: Backend, sizes: readonly number[]): Promise<TimelineBenchResult> {
  const samples: TimelineSample[] = [];
  for (const rows of sizes) {
    let opened: SqlDatabase;
    try {
      opened = await openSqlDatabase(backend === "sqlite" ? "sqlite::memory:" : (process.env.PLEROMA_KIT_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test"));
    } catch (error) {
      return { backend, skipped: `cannot open ${backend}: ${String(error)}` };
    }
    const tablePrefix = `bench${randomBytes(4).toString("hex")}_`;
    const options = { dialect: opened.dialect, tablePrefix };
    try {
      await migrate(opened.db, options);
      const store = createSqlStore(opened.db, options);
      const conversationId = await seed(opened, tablePrefix, store, rows);
      samples.push(await measure(store, conversationId, rows));
    } finally {
      if (backend === "postgres") {
        const leftovers = (await opened.db.introspection.getTables()).filter((t) => t.name.startsWith(tablePrefix));
        for (const t of leftovers) await opened.db.schema.dropTable(t.name).ifExists().cascade().execute();
      }
      await opened.close();
    }
  }
  const median3 = (s: TimelineSample) => median([s.newestMs, s.middleMs, s.ascendingMs]);
  const ratio = median3(samples.at(-1)!) / median3(samples[0]!);
  return { backend, samples, ratio: round(ratio), underTarget: ratio < TARGET_RATIO };
}

/** Status ids like flake ids: fixed width, sortable. */
const statusId = (i: number) => `s${String(i).padStart(12, "0")}`;

/** `rows` statuses in the measured conversation and as many spread over 100 others. */
async function seed(opened: SqlDatabase, prefix: string, store: PleromaStore, rows: number): Promise<string> {
  const createdAt = new Date(Date.UTC(2026, 0, 1));
  const target = (await store.conversations.recordStatus({ context: "target", statusId: statusId(0), authorId: "a", direct: true, createdAt }, true))!;
  const others: string[] = [];
  for (let c = 0; c < 100; c++) {
    others.push((await store.conversations.recordStatus({ context: `other-${c}`, statusId: `o${c}`, authorId: "a", direct: true, createdAt }, true))!);
  }
  const date = opened.dialect === "sqlite" ? createdAt.toISOString() : createdAt;
  const table = `${prefix}conversation_statuses`;
  const batch = 500;
  for (let i = 1; i < rows; i += batch) {
    const values = [];
    for (let j = i; j < Math.min(rows, i + batch); j++) {
      values.push({ conversation_id: target, status_key: idSortKey(statusId(j)), status_id: statusId(j), author_id: "a", direct: j % 3 === 0 ? 1 : 0, created_at: date });
      const o = `x${String(j).padStart(12, "0")}`;
      values.push({ conversation_id: others[j % 100]!, status_key: idSortKey(o), status_id: o, author_id: "b", direct: 1, created_at: date });
    }
    await opened.db.insertInto(table).values(values).execute();
  }
  if (opened.dialect === "postgres") await opened.db.executeQuery({ sql: `analyze "${table}"`, parameters: [], query: { kind: "RawNode" } } as never);
  return target;
}

async function measure(store: PleromaStore, conversationId: string, rows: number): Promise<TimelineSample> {
  const time = async (page: Parameters<PleromaStore["conversations"]["statusIds"]>[1]) => {
    for (let i = 0; i < 20; i++) await store.conversations.statusIds(conversationId, page); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const start = performance.now();
      const ids = await store.conversations.statusIds(conversationId, page);
      ms.push(performance.now() - start);
      if (ids.length !== 20) throw new Error(`expected a full page, got ${ids.length}`);
    }
    return round(median(ms));
  };
  return {
    rows,
    newestMs: await time({ limit: 20 }),
    middleMs: await time({ limit: 20, maxId: statusId(Math.floor(rows / 2)) }),
    ascendingMs: await time({ limit: 20, minId: statusId(Math.floor(rows / 3)) }),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await run();
  console.log(JSON.stringify(results, null, 2));
}
