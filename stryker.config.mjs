// @ts-nocheck
// 
/**
 * Mutation testing of core's security and correctness guards (docs/testing.md): `npm run mutate`.
 * Slow (about half an hour on two cores), so not part of `npm test` or every CI run.
 *
 * `inPlace: true`: mutants are written into the source tree itself, so every package that imports
 * `@pleroma-kit/core` through its source condition loads the mutated file too (a sandbox copy
 * would leave those imports pointing at the original). Stryker restores the files when it ends;
 * an interrupted run leaves them mutated: `git checkout packages/core/src`.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "packages/core/vitest.mutation.config.ts", related: false },
  inPlace: true,
  // vitest compiles with esbuild and checks no types, so Stryker need not stamp `// @ts-nocheck`
  // into every TypeScript file of the checkout (which in place would touch hundreds of files).
  disableTypeChecks: false,
  coverageAnalysis: "perTest",
  // Static mutants (module-level constants such as the special-use address lists) are kept: they
  // run every test of the restricted list, which that list keeps affordable.
  ignoreStatic: false,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 15000,
  mutate: [
    "packages/core/src/services/mfa/*.ts",
    "packages/core/src/net/ip-policy.ts",
    "packages/core/src/files/safe-file-key.ts",
    "packages/core/src/archives/zip-reader.ts",
    "packages/core/src/http/authenticate.ts",
    "packages/core/src/http/account-security-guards.ts",
    "packages/core/src/http/read-body.ts",
    "packages/core/src/services/reactions/*.ts",
    "packages/core/src/services/emoji-packs/pack-names.ts",
    "!packages/core/src/**/errors.ts",
  ],
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  tempDirName: "reports/.stryker-tmp",
  cleanTempDir: "always",
};
