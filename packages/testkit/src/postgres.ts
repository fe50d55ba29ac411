/**
 * PostgreSQL for tests: where it is, whether it answered, and a `describe` that skips visibly
 * when it is unreachable, or fails under `PLEROMA_KIT_REQUIRE_PG=1` (what CI sets). Every suite
 * that needs PostgreSQL uses this one probe, so a fresh machine without a server passes and CI
 * cannot skip by accident.
 *
 * `pg` is an optional peer: it is loaded inside {@link probePostgres}, so importing the testkit
 * never needs it.
 */
import { describe, it } from "vitest";

/** The test server: `PLEROMA_KIT_PG_URL`, default the local trust-auth `test` database. */
export const postgresUrl = process.env.PLEROMA_KIT_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** True when CI demands PostgreSQL: unreachable is then a failure, not a skip. */
export const postgresRequired = process.env.PLEROMA_KIT_REQUIRE_PG === "1";

/** The URL without its password, for messages. */
export function shownPostgresUrl(url = postgresUrl): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable PLEROMA_KIT_PG_URL)";
  }
}

/** Null when PostgreSQL answers `select 1`; otherwise why it did not (also when `pg` is not installed). */
export async function probePostgres(url = postgresUrl): Promise<string | null> {
  let pg: typeof import("pg").default;
  try {
    pg = (await import("pg")).default;
  } catch (error) {
    return `the pg driver is not installed (${error instanceof Error ? error.message : String(error)})`;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

let warned = false;

/**
 * `describe` for suites that need PostgreSQL, given the outcome of {@link probePostgres} (probe once
 * per test file, at the top level: `const problem = await probePostgres();`). Runs the suite when
 * PostgreSQL answered; otherwise a skipped describe whose title says why (and one console
 * warning), or, with `PLEROMA_KIT_REQUIRE_PG=1`, a failing test. Synchronous, so vitest collects it.
 */
export function describeWhenPostgres(problem: string | null, name: string, suite: () => void): void {
  if (problem === null) {
    describe(name, suite);
    return;
  }
  const where = shownPostgresUrl();
  if (postgresRequired) {
    describe(name, () => {
      it("connects to PostgreSQL", () => {
        throw new Error(`PostgreSQL unreachable at ${where} (${problem}) and PLEROMA_KIT_REQUIRE_PG=1`);
      });
    });
    return;
  }
  if (!warned) {
    warned = true;
    console.warn(`[pleroma-kit] PostgreSQL unreachable at ${where} (${problem}): PostgreSQL suites skipped; set PLEROMA_KIT_REQUIRE_PG=1 to make this fail`);
  }
  describe.skip(`${name}: PostgreSQL unreachable at ${where}: skipped; set PLEROMA_KIT_REQUIRE_PG=1 to make this fail`, () => {
    it("needs PostgreSQL", () => {});
  });
}
