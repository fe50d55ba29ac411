/**
 * A vitest reporter for mutation runs only (vitest.mutation.config.ts). Stryker's vitest runner
 * (9.6.1, and 10.0.0) builds a mutant's result from the tests vitest collected; a test file whose
 * import throws collects none, so a mutant that stops a module from loading (a static mutant such as
 * an invalid regular expression or a broken address list) is scored "survived" although every test
 * of that file fails. Upstream: stryker-mutator/stryker-js#6150. This reporter gives each such file
 * one failed test carrying the load error, so Stryker sees the failure.
 */
interface RawTask {
  type: string;
  name: string;
  id: string;
  mode: string;
  filepath?: string;
  file?: RawTask;
  suite?: RawTask;
  tasks?: RawTask[];
  meta?: Record<string, unknown>;
  result?: { state?: string; errors?: Array<{ message?: string }> };
}

export default class LoadFailureReporter {
  onTestRunEnd(testModules: ReadonlyArray<{ task: unknown }>): void {
    for (const module of testModules) {
      const file = module.task as RawTask;
      if (file.result?.state !== "fail" || (file.tasks?.length ?? 0) > 0) continue;
      file.tasks = [
        {
          type: "test",
          name: "the test file loads",
          id: `${file.id}_load`,
          mode: "run",
          file,
          meta: {},
          result: { state: "fail", errors: file.result.errors ?? [{ message: "test file failed to load" }] },
        },
      ];
    }
  }
}
