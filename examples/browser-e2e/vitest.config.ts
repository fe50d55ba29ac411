import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@pleroma-kit/source"] },
  ssr: { resolve: { conditions: ["@pleroma-kit/source"] } },
  test: {
    name: "browser-e2e",
    // A real browser on a shared, slow machine: whole flows take tens of seconds.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One Chromium at a time: several at once on a small shared machine make flows time out.
    fileParallelism: false,
  },
});
