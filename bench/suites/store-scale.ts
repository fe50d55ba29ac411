/**
 * Does reaction listing stay flat as the reactions table grows? `groupsFor` of one status with
 * 20 reactions, and of a timeline page of 20 such statuses, with 1k, 10k and 100k rows in the
 * table, on SQLite and PostgreSQL. Target (issue 3): median at 100k / median at 1k under 2.
 */
import { createSqlStore } from "@pleroma-kit/store-sql";
import { benchDialects, dateColumn, type BenchDatabase } from "../lib/databases.js";
import { measure, round, type Latency } from "../lib/measure.js";
import type { BenchRow, BenchSuite } from "../suite.js";

const TARGET_RATIO = 2;
const PER_STATUS = 20;
const PAGE = 20;
const EMOJI = ["👍", "🎉", "☕", "❤️"];

const fixed = (prefix: string, n: number) => `${prefix}${String(n).padStart(8, "0")}`;

/** Reaction rows for statuses `from..to-1`, 20 each, spread over four emoji and many users. */
function reactionRows(db: BenchDatabase, prefix: string, from: number, to: number) {
  const rows: Record<string, unknown>[] = [];
  for (let s = from; s < to; s++) {
    for (let u = 0; u < PER_STATUS; u++) {
      const name = EMOJI[u % EMOJI.length]!;
      rows.push({
        status_id: fixed(prefix, s),
        user_id: fixed("u", (s * 7 + u) % 50_000),
        emoji_key: `unicode:${name}`,
        name,
        url: null,
        created_at: dateColumn(db.dialect, new Date(Date.UTC(2026, 0, 1) + (s * PER_STATUS + u) * 1000)),
      });
    }
  }
  return rows;
}

const suite: BenchSuite = {
  name: "store-scale",
  description: "reaction listing (groupsFor) latency at 1k, 10k, 100k rows, SQLite and PostgreSQL",
  async run({ log, postgresUrl, quick }) {
    const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
    const iterations = quick ? 50 : 300;
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    if (!postgresUrl) notes.push("PostgreSQL unreachable: measured on SQLite only");
    for (const { dialect, open } of benchDialects(postgresUrl)) {
      const db = await open();
      try {
        const store = createSqlStore(db.db, db.options);
        // The measured statuses: one alone, and a page of PAGE; every other row belongs to filler statuses.
        await db.insertMany("reactions", reactionRows(db, "page", 0, PAGE));
        const one = [fixed("page", 0)];
        const page = Array.from({ length: PAGE }, (_, i) => fixed("page", i));
        const expected = await store.reactions.groupsFor(page);
        if (expected.size !== PAGE) throw new Error(`store-scale: expected ${PAGE} statuses with reactions, got ${expected.size}`);
        const results: Record<string, Map<number, Latency>> = { one: new Map(), page: new Map() };
        let filled = PAGE * PER_STATUS;
        let fillerStatuses = 0;
        for (const size of sizes) {
          const started = Date.now();
          const more = Math.ceil((size - filled) / PER_STATUS);
          await db.insertMany("reactions", reactionRows(db, "filler", fillerStatuses, fillerStatuses + more));
          fillerStatuses += more;
          filled += more * PER_STATUS;
          await db.analyze("reactions");
          log(`${dialect}: ${filled} rows loaded in ${Date.now() - started} ms`);
          results.one!.set(size, await measure(() => store.reactions.groupsFor(one), { iterations }));
          results.page!.set(size, await measure(() => store.reactions.groupsFor(page), { iterations }));
        }
        for (const [kind, label] of [["one", `one status, ${PER_STATUS} reactions`], ["page", `page of ${PAGE} statuses`]] as const) {
          const byRows = results[kind]!;
          const first = byRows.get(sizes[0]!)!;
          const last = byRows.get(sizes.at(-1)!)!;
          const ratio = round(last.median / first.median);
          const row: Record<string, string | number | boolean | null> = { case: `groupsFor: ${label}`, dialect };
          for (const size of sizes) row[`median ms @${size / 1000}k`] = byRows.get(size)!.median;
          row[`p95 ms @${sizes.at(-1)! / 1000}k`] = last.p95;
          row[`ratio ${sizes.at(-1)! / 1000}k/${sizes[0]! / 1000}k`] = ratio;
          row[`under ${TARGET_RATIO}`] = ratio < TARGET_RATIO;
          rows.push(row);
        }
      } finally {
        await db.close();
      }
    }
    notes.push(`target: median latency ratio largest/smallest size under ${TARGET_RATIO} (issue 3); ${iterations} sequential calls after 30 warm-up calls`);
    return { rows, notes };
  },
};

export default suite;
