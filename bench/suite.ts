/**
 * The benchmark suite interface. A suite is a file under `bench/suites/` whose default export is
 * a `BenchSuite`; `bench/run.ts` runs every suite (or the ones named on the command line),
 * prints each suite's rows as a table and writes them to `.bench-out/<suite>.json`.
 */

/** One line of a suite's result table: a label column or two, then figures. */
export type BenchRow = Readonly<Record<string, string | number | boolean | null>>;

/** What the runner gives a suite. */
export interface BenchContext {
  /** Progress output (stderr), so the result table stays readable. */
  log(message: string): void;
  /** PostgreSQL URL to use, or null when unreachable (the suite skips its PostgreSQL part). */
  readonly postgresUrl: string | null;
  /** Whether `--quick` was given: suites may shrink their sizes for a smoke run. */
  readonly quick: boolean;
}

/** What a suite returns: its rows, and notes printed under the table (targets, skips). */
export interface BenchReport {
  readonly rows: readonly BenchRow[];
  readonly notes?: readonly string[];
}

/** A benchmark suite: default-export one from `bench/suites/<name>.ts`. */
export interface BenchSuite {
  /** Command-line name; by convention the file name without `.ts`. */
  readonly name: string;
  /** One line: what is measured and why. */
  readonly description: string;
  run(context: BenchContext): Promise<BenchReport>;
}
