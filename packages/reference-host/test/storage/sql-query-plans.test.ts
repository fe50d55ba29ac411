/**
 * The reference host's hot queries must not grow with table size: with tens of thousands of rows
 * that belong to others, the query for one author or one user reaches its rows through an index.
 * The query checked is the one `createSqlHostData` actually ran (recorded through Kysely's log).
 * The plan reading mirrors store-sql's own query-plan test.
 */
import { CompiledQuery } from "kysely";
import { expect, it } from "vitest";
import type { SqlDialect } from "@pleroma-kit/store-sql";
import { createSqlHostData } from "../../src/storage/sql/index.js";
import { describeDialects, insertMany, tableName, type TestDatabase } from "./databases.js";

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

describeDialects("reference host query plans", (open, dialect) => {
  it(`an author's statuses and a user's notifications use their indexes among ${OTHER_ROWS} other rows`, async () => {
    const t = await open({ recordQueries: true });
    try {
      const date = (i: number) => (dialect === "sqlite" ? at(i).toISOString() : at(i));
      const falsy = dialect === "sqlite" ? 0 : false;
      await insertMany(
        t,
        "statuses",
        Array.from({ length: OTHER_ROWS }, (_, i) => ({
          id: fixed("s", i),
          author_id: fixed("author", i % 1000),
          content: "x",
          spoiler_text: "",
          visibility: "public",
          in_reply_to_id: null,
          context_id: fixed("s", i),
          mention_ids: "[]",
          sensitive: falsy,
          created_at: date(i),
        })),
      );
      await insertMany(
        t,
        "notifications",
        Array.from({ length: OTHER_ROWS }, (_, i) => ({
          id: fixed("n", i),
          user_id: fixed("user", i % 1000),
          type: "mention",
          actor_id: "a",
          status_id: null,
          emoji: null,
          emoji_url: null,
          target_id: null,
          seen: falsy,
          created_at: date(i),
        })),
      );
      await analyze(t, tableName(t, "statuses"));
      await analyze(t, tableName(t, "notifications"));
      const data = createSqlHostData(t.db, t.options);

      let count = 0;
      const byAuthor = await planOfLast(t, dialect, async () => {
        count = (await data.statuses.byAuthor(fixed("author", 7), { limit: 20, maxId: fixed("s", 15_000) })).length;
      });
      expect(count).toBe(15);
      expectIndexed(byAuthor, tableName(t, "statuses"), "author_id");

      const notifications = await planOfLast(t, dialect, async () => {
        count = (await data.notifications.list(fixed("user", 7), { limit: 20 })).length;
      });
      expect(count).toBe(20);
      expectIndexed(notifications, tableName(t, "notifications"), "user_id");

      const seen = await planOfLast(t, dialect, async () => {
        count = (await data.notifications.markSeenUpTo(fixed("user", 8), fixed("n", 10_000))).length;
      });
      expect(count).toBe(10);
      expectIndexed(seen, tableName(t, "notifications"), "user_id");
    } finally {
      await t.close();
    }
  }, SLOW);

  it(`followers, follow checks and a user's favourites use their indexes among ${OTHER_ROWS} other rows`, async () => {
    const t = await open({ recordQueries: true });
    try {
      const date = (i: number) => (dialect === "sqlite" ? at(i).toISOString() : at(i));
      await insertMany(
        t,
        "relations",
        Array.from({ length: OTHER_ROWS }, (_, i) => ({ kind: "follow", from_id: fixed("u", i), to_id: fixed("star", i % 1000), created_at: date(i) })),
      );
      await insertMany(
        t,
        "favourites",
        Array.from({ length: OTHER_ROWS }, (_, i) => ({ user_id: fixed("u", i % 1000), status_id: fixed("s", i), created_at: date(i) })),
      );
      await analyze(t, tableName(t, "relations"));
      await analyze(t, tableName(t, "favourites"));
      const data = createSqlHostData(t.db, t.options);
      let count = 0;

      const followers = await planOfLast(t, dialect, async () => {
        count = (await data.relations.allTowards("follow", fixed("star", 3))).length;
      });
      expect(count).toBe(20);
      expectIndexed(followers, tableName(t, "relations"), "to_id");

      const following = await planOfLast(t, dialect, async () => {
        count = (await data.relations.towards("follow", [fixed("u", 3), fixed("u", 4)], fixed("star", 3))).size;
      });
      expect(count).toBe(1);
      expectIndexed(following, tableName(t, "relations"), "to_id");

      const favourites = await planOfLast(t, dialect, async () => {
        count = (await data.favourites.byUser(fixed("u", 5), { limit: 10 })).length;
      });
      expect(count).toBe(10);
      expectIndexed(favourites, tableName(t, "favourites"), "user_id");
    } finally {
      await t.close();
    }
  }, SLOW);
});
