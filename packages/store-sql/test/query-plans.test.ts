/**
 * Hot queries must not grow with table size: with tens of thousands of rows that belong to
 * others, the query for one status (or one author, one user) reaches its rows through an index.
 * The query checked is the one the store actually ran (recorded through Kysely's log), so a
 * change to the store's SQL is checked too. (The reference host's tables have the same test in
 * packages/reference-host/test/storage.)
 */
import { CompiledQuery } from "kysely";
import { expect, it } from "vitest";
import { createSqlStore, type SqlDialect } from "../src/index.js";
import { describeStores, insertMany, tableName, type TestDatabase } from "./fixtures/databases.js";

const OTHER_ROWS = 20_000;
/** Loading 40k rows takes a second alone, much longer on a machine shared with other test runs. */
const SLOW = 60_000;
const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000);
const fixed = (prefix: string, n: number) => `${prefix}${String(n).padStart(8, "0")}`;

/** How the plan reaches one table: through an index, or by reading it whole. */
interface Access {
  readonly table: string;
  readonly indexed: boolean;
  readonly detail: string;
}

async function plan(t: TestDatabase, query: CompiledQuery, dialect: SqlDialect): Promise<Access[]> {
  if (dialect === "sqlite") {
    const { rows } = await t.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    // "SEARCH t USING INDEX i (status_id=?)" is a seek; "SCAN t" (even "SCAN t USING INDEX") reads it all.
    return rows
      .map((r) => /^(SEARCH|SCAN) (\S+)/.exec(r.detail))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ table: m[2]!, indexed: m[1] === "SEARCH" && /INDEX/.test(m.input), detail: m.input }));
  }
  const { rows } = await t.db.executeQuery<{ "QUERY PLAN": Array<{ Plan: PgNode }> }>(
    CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
  );
  const out: Access[] = [];
  const walk = (node: PgNode) => {
    // The ModifyTable node of an UPDATE names the table too; its child scan is what counts.
    if (node["Relation Name"] && node["Node Type"] !== "ModifyTable") {
      const condition = node["Index Cond"] ?? node["Recheck Cond"] ?? "";
      out.push({ table: node["Relation Name"], indexed: /Index Scan|Index Only Scan|Bitmap Heap Scan/.test(node["Node Type"]), detail: `${node["Node Type"]} ${condition}` });
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(rows[0]!["QUERY PLAN"][0]!.Plan);
  return out;
}

interface PgNode {
  readonly "Node Type": string;
  readonly "Relation Name"?: string;
  readonly "Index Cond"?: string;
  readonly "Recheck Cond"?: string;
  readonly Plans?: PgNode[];
}

/** Fresh planner statistics, as a database in service has them. */
async function analyze(t: TestDatabase, table: string) {
  await t.db.executeQuery(CompiledQuery.raw(`analyze "${table}"`));
}

/** Runs `action` with query recording and returns the plan of the last query it made. */
async function planOfLast(t: TestDatabase, dialect: SqlDialect, action: () => Promise<unknown>): Promise<Access[]> {
  t.queries.length = 0;
  await action();
  const last = t.queries.at(-1);
  if (!last) throw new Error("the action ran no query");
  return plan(t, last, dialect);
}

/**
 * Every read of `table` is an index seek on `column`: a seek on another column (say a range on
 * the primary key) would still read rows of others, growing with the table.
 */
function expectIndexed(accesses: Access[], table: string, column: string) {
  const touching = accesses.filter((a) => a.table === table);
  expect(touching.length, `plan reads ${table}: ${JSON.stringify(accesses)}`).toBeGreaterThan(0);
  const bad = touching.filter((a) => !a.indexed || !new RegExp(`\\b${column}\\b\\)?(::\\w+)? *=`).test(a.detail));
  expect(bad, `every read of ${table} seeks on ${column}`).toEqual([]);
}

describeStores("query plans", (open, dialect) => {
  it(`reaction listing of one status uses the status index among ${OTHER_ROWS} other rows`, async () => {
    const t = await open({ recordQueries: true });
    try {
      const table = tableName(t, "reactions");
      await insertMany(
        t,
        "reactions",
        Array.from({ length: OTHER_ROWS }, (_, i) => ({
          status_id: fixed("other", i % 2000),
          user_id: fixed("u", i),
          emoji_key: "unicode:👍",
          name: "👍",
          url: null,
          created_at: dialect === "sqlite" ? at(i).toISOString() : at(i),
        })),
      );
      const store = createSqlStore(t.db, t.options);
      for (let i = 0; i < 20; i++) await store.reactions.add({ statusId: "target", userId: fixed("r", i), name: i % 2 ? "👍" : "🎉", url: null, createdAt: at(i) });
      await analyze(t, table);
      let groups = 0;
      const accesses = await planOfLast(t, dialect, async () => {
        groups = (await store.reactions.groupsFor(["target"])).get("target")?.length ?? 0;
      });
      expect(groups).toBe(2);
      expectIndexed(accesses, table, "status_id");
    } finally {
      await t.close();
    }
  }, SLOW);

});
