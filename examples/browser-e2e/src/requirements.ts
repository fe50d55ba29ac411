/**
 * What a browser suite needs (Debian's Chromium and the shared frontend builds) and what happens
 * without it: a visibly skipped suite, or, with `PLEROMA_KIT_REQUIRE_BROWSER=1` (what CI sets), a
 * failing one, the same rule as `PLEROMA_KIT_REQUIRE_PG` for PostgreSQL.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

export const browserRequired = process.env.PLEROMA_KIT_REQUIRE_BROWSER === "1";

/** The browser binary: Debian's `chromium` package. Never a downloaded one. */
export const chromiumPath = process.env.PLEROMA_KIT_CHROMIUM || "/usr/bin/chromium";

/** The frontend builds kept beside the repository (`../shared/<name>/<name>-dist.tgz`). */
export type Frontend = "pleroma-fe" | "admin-fe";

/** The repository root (this file is `examples/browser-e2e/src/requirements.ts`). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * The folder holding `pleroma-fe/` and `admin-fe/`: `PLEROMA_KIT_SHARED_DIR`, else `shared/`
 * beside the repository, else beside one of its parents (a git worktree lives one level deeper).
 */
export function sharedDir(): string | null {
  if (process.env.PLEROMA_KIT_SHARED_DIR) return resolve(process.env.PLEROMA_KIT_SHARED_DIR);
  for (let dir = repoRoot; ; dir = dirname(dir)) {
    const candidate = join(dirname(dir), "shared");
    if (existsSync(join(candidate, "pleroma-fe")) || existsSync(join(candidate, "admin-fe"))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** Where the archive of a frontend build is, or would be. */
export function frontendArchive(frontend: Frontend): string {
  return join(sharedDir() ?? join(dirname(repoRoot), "shared"), frontend, `${frontend}-dist.tgz`);
}

/** Why a suite needing `frontends` cannot run here, or `null` when everything is present. */
export function browserProblem(frontends: readonly Frontend[]): string | null {
  if (!existsSync(chromiumPath)) return `no Chromium at ${chromiumPath} (apt-get install -y chromium)`;
  for (const frontend of frontends) {
    const archive = frontendArchive(frontend);
    if (!existsSync(archive)) return `no ${frontend} build at ${archive}`;
  }
  return null;
}

/**
 * `describe` for a browser suite. Runs it when Chromium and the frontend builds are there;
 * otherwise a skipped describe whose title says why (and a console warning), or, under
 * `PLEROMA_KIT_REQUIRE_BROWSER=1`, a failing test. Synchronous, so vitest collects it.
 */
export function describeWithBrowser(name: string, frontends: readonly Frontend[], suite: () => void): void {
  const problem = browserProblem(frontends);
  if (problem === null) {
    describe(name, suite);
    return;
  }
  if (browserRequired) {
    describe(name, () => {
      it("has Chromium and the frontend builds", () => {
        throw new Error(`${problem} and PLEROMA_KIT_REQUIRE_BROWSER=1`);
      });
    });
    return;
  }
  console.warn(`[pleroma-kit] ${name}: ${problem}: browser suite skipped; set PLEROMA_KIT_REQUIRE_BROWSER=1 to make this fail`);
  describe.skip(`${name}: ${problem}: skipped; set PLEROMA_KIT_REQUIRE_BROWSER=1 to make this fail`, () => {
    it("needs Chromium and the frontend builds", () => {});
  });
}
