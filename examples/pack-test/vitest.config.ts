import { defineProject } from "vitest/config";

// No source condition here: these tests use what `npm pack` ships, never the workspace sources.
export default defineProject({
  test: { name: "pack-test" },
});
