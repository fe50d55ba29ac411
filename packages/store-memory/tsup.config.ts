import { defineConfig } from "tsup";

// Entries match the exports map in package.json.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: { tsconfig: "tsconfig.build.json" },
  sourcemap: true,
  clean: true,
  target: "node20",
});
