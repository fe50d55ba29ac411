import { defineConfig, type Options } from "tsup";

/**
 * The one build setup every package uses: ESM only, declarations from the package's
 * non-composite tsconfig.build.json, source maps, Node 20. `entry` must match the package's
 * `exports` map.
 */
export function packageBuild(entry: string[]): Options {
  return defineConfig({
    entry,
    format: ["esm"],
    tsconfig: "tsconfig.build.json",
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
  }) as Options;
}
