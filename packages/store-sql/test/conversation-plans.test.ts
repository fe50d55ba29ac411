/**
 * The conversation timeline query reaches its rows through the (conversation_id, status_key)
 * primary key, in key order (no sort), whatever else the table holds: the EXPLAIN behind the
 * benchmark's flat 1k -> 100k latency. The plan checked is the one of the query the store ran.
 */
import { CompiledQuery } from "kysely";
import { expect, it } from "vitest";
import { idSortKey } from "@pleroma-kit/core/store-kit";
import { createSqlStore } from "../src/index.js";
import { describeStores, insertMany, tableName, type TestDatabase } from "./fixtures/databases.js";

const OTHER_ROWS = 20_000;

async function explain(t: TestDatabase, query: CompiledQuery): Promise<string> {
  if (t.dialect === "sqlite") {
    const { rows } = await t.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    return rows.map((r) => r.detail).join("\n");
  }
  const { rows } = await t.db.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describeStores("conversation timeline plan", (open, dialect) => {
  it(`pages one conversation through its key among ${OTHER_ROWS} rows of others, without sorting`, async () => {
    const t = await open({ recordQueries: true });
    try {
      const store = createSqlStore(t.db, t.options);
      const createdAt = new Date(Date.UTC(2026, 0, 1));
      const id = (await store.conversations.recordStatus({ context: "target", statusId: "s0", authorId: "a", direct: true, createdAt }, true))!;
      const other = (await store.conversations.recordStatus({ context: "other", statusId: "o0", authorId: "a", direct: true, createdAt }, true))!;
      const date = dialect === "sqlite" ? createdAt.toISOString() : createdAt;
      await insertMany(
        t,
        "conversation_statuses",
        Array.from({ length: OTHER_ROWS }, (_, i) => {
          const statusId = `x${String(i).padStart(8, "0")}`;
          return { conversation_id: i < 100 ? id : other, status_key: idSortKey(statusId), status_id: statusId, author_id: "b", direct: 1, created_at: date };
        }),
      );
      if (dialect === "postgres") await t.db.executeQuery(CompiledQuery.raw(`analyze "${tableName(t, "conversation_statuses")}"`));

      for (const page of [{ limit: 20 }, { limit: 20, maxId: "x00000050" }, { limit: 20, minId: "x00000010" }]) {
        t.queries.length = 0;
        const ids = await store.conversations.statusIds(id, page);
        expect(ids).toHaveLength(20);
        const plan = await explain(t, t.queries.at(-1)!);
        if (dialect === "sqlite") {
          expect(plan).toMatch(/SEARCH \S+conversation_statuses USING (COVERING )?INDEX \S+ \(conversation_id=\?/);
          expect(plan).not.toMatch(/TEMP B-TREE/);
        } else {
          expect(plan).toMatch(/Index (Only )?Scan( Backward)? using \S+conversation_statuses_pk/);
          expect(plan).toMatch(/Index Cond: \(+conversation_id = /);
          expect(plan).not.toMatch(/\bSort\b|Seq Scan/);
        }
      }
    } finally {
      await t.close();
    }
  });
});
