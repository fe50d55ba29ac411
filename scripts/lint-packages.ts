/**
 * `npm run lint:packages`: checks what consumers of each published package get, after
 * `npm run build`. publint checks `exports`, `types` and `files` against the packed tarball;
 * are-the-types-wrong (`attw --pack`, ESM-only profile: CommonJS `require` is not supported, see
 * the README) checks that TypeScript resolves the same files Node runs. Exits non-zero on any
 * finding, so CI can run it as is.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const packagesDir = fileURLToPath(new URL("../packages/", import.meta.url));

/** The publishable workspaces under packages/ (private ones are skipped). */
export function publishablePackages(): { name: string; dir: string }[] {
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${packagesDir}${d.name}/package.json`))
    .map((d) => ({ dir: `${packagesDir}${d.name}`, pkg: JSON.parse(readFileSync(`${packagesDir}${d.name}/package.json`, "utf8")) as { name: string; private?: boolean } }))
    .filter(({ pkg }) => pkg.private !== true)
    .map(({ dir, pkg }) => ({ name: pkg.name, dir }));
}

function run(command: string, args: string[], cwd: string): boolean {
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  return result.status === 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const failed: string[] = [];
  for (const { name, dir } of publishablePackages()) {
    console.log(`\n== ${name}`);
    if (!existsSync(`${dir}/dist`)) {
      console.error(`${name}: no dist/ (run \`npm run build\` first)`);
      failed.push(`${name} (not built)`);
      continue;
    }
    if (!run("npx", ["--no-install", "publint", "--strict"], dir)) failed.push(`${name} (publint)`);
    if (!run("npx", ["--no-install", "attw", "--pack", ".", "--profile", "esm-only"], dir)) failed.push(`${name} (attw)`);
  }
  if (failed.length > 0) {
    console.error(`\nlint:packages failed: ${failed.join(", ")}`);
    process.exit(1);
  }
  console.log("\nlint:packages: every package passes publint and attw");
}
