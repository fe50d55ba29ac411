/**
 * The vitest run `npm run mutate` (stryker.config.mjs) drives: core's tests of its security and
 * correctness guards only, so every mutant (static ones run the whole list) stays cheap. The big
 * end-to-end suites (emoji packs, node bridge) are left out on purpose: the guards they reach have
 * direct tests under test/security/.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: { conditions: ["@pleroma-kit/source"] },
  ssr: { resolve: { conditions: ["@pleroma-kit/source"] } },
  test: {
    name: "core-mutation",
    // A test file that cannot even be imported must count as failing (see the reporter's comment).
    reporters: ["default", "./test/support/load-failure-reporter.ts"],
    include: [
      "test/security/**/*.test.ts",
      "test/mfa.test.ts",
      "test/account-security.test.ts",
      "test/guarded-http-client.test.ts",
      "test/local-file-store.test.ts",
      "test/zip.test.ts",
      "test/read-body.test.ts",
      "test/router.test.ts",
      "test/pipeline.test.ts",
      "test/reactions.test.ts",
      "test/reaction-emoji.test.ts",
    ],
  },
});
