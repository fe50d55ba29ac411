/**
 * The single list of test projects; imported by vitest.config.ts (vitest 4 ignores this file on
 * its own). Every workspace under packages/ and examples/ is one project, named after its package
 * (`@pleroma-kit/store-sql` runs as `store-sql`, so `npx vitest run --project store-sql` works).
 * They share one setup: the `@pleroma-kit/source` condition, so tests import the other packages'
 * TypeScript sources instead of their builds. A workspace whose settings really differ keeps its own
 * `vitest.config.ts` (examples/pack-test tests the packed tarballs, so it has no source condition)
 * and is listed by directory instead.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TestProjectConfiguration } from "vitest/config";

const repoRoot = fileURLToPath(new URL(".", import.meta.url));
const sourceCondition = ["@pleroma-kit/source"];

function workspaceDirs(): string[] {
  return ["packages", "examples"].flatMap((group) =>
    readdirSync(`${repoRoot}${group}`, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(`${repoRoot}${group}/${d.name}/package.json`))
      .map((d) => `${repoRoot}${group}/${d.name}`)
      .sort(),
  );
}

function project(dir: string): TestProjectConfiguration {
  if (existsSync(`${dir}/vitest.config.ts`)) return dir;
  const { name } = JSON.parse(readFileSync(`${dir}/package.json`, "utf8")) as { name: string };
  return {
    resolve: { conditions: sourceCondition },
    ssr: { resolve: { conditions: sourceCondition } },
    test: { name: name.replace(/^@pleroma-kit\//, ""), root: dir },
  };
}

export const projects: TestProjectConfiguration[] = workspaceDirs().map(project);
