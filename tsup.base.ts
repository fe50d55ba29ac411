import { defineConfig, type Options } from "tsup";

/**
 * The one build setup every package uses: ESM only, declarations from the package's
 * non-composite tsconfig.build.json, source maps, Node 20. `entry` must match the package's
 * `exports` map.
 */
export function packageBuild(entry: string[]): Options | Options[] {
  return defineConfig({
    entry,
    format: ["esm"],
    dts: { tsconfig: "tsconfig.build.json" },
    sourcemap: true,
    clean: true,
    target: "node20",
  }) as Options;
}
