/**
 * Issue 8: peer dependency ranges accept the framework versions people run (Express 4 and 5,
 * Koa 2 and 3, Fastify 5), and every published package keeps its consumer-facing fields.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { describe, expect, it } from "vitest";

const packagesDir = fileURLToPath(new URL("../../../packages/", import.meta.url));

interface Manifest {
  name: string;
  private?: boolean;
  type?: string;
  files?: string[];
  engines?: { node?: string };
  exports?: Record<string, Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const manifest = (dir: string) => JSON.parse(readFileSync(`${packagesDir}${dir}/package.json`, "utf8")) as Manifest;

describe("peer dependency ranges", () => {
  const cases: [string, string, string[], string[]][] = [
    ["express", "express", ["4.17.0", "4.21.2", "5.0.0", "5.3.0"], ["3.21.2", "6.0.0"]],
    ["express", "@types/express", ["4.17.21", "5.0.6"], ["3.4.0"]],
    ["koa", "koa", ["2.13.0", "2.16.1", "3.0.0", "3.3.0"], ["1.7.0", "4.0.0"]],
    ["koa", "@types/koa", ["2.15.0", "3.0.1"], []],
    ["fastify", "fastify", ["5.0.0", "5.12.8"], ["4.29.0", "6.0.0"]],
  ];
  it.each(cases)("@pleroma-kit/%s accepts the %s versions people run", (dir, peer, accepted, refused) => {
    const range = manifest(dir).peerDependencies?.[peer];
    expect(range, `${dir} declares ${peer} as a peer`).toBeDefined();
    for (const v of accepted) expect(semver.satisfies(v, range!), `${peer}@${v} in ${range}`).toBe(true);
    for (const v of refused) expect(semver.satisfies(v, range!), `${peer}@${v} in ${range}`).toBe(false);
  });

  it("frameworks are peers of their binding, never dependencies of core", () => {
    const core = manifest("core");
    for (const framework of ["express", "koa", "fastify", "kysely", "pg", "better-sqlite3"]) {
      expect(core.dependencies ?? {}).not.toHaveProperty(framework);
    }
    for (const [dir, framework] of [["express", "express"], ["koa", "koa"], ["fastify", "fastify"]] as const) {
      expect(manifest(dir).dependencies ?? {}).not.toHaveProperty(framework);
    }
  });
});

describe("published manifests", () => {
  const published = readdirSync(packagesDir).filter((d) => manifest(d).private !== true);

  it.each(published)("%s is ESM with types and default for every export, and ships dist", (dir) => {
    const m = manifest(dir);
    expect(m.type).toBe("module");
    expect(m.files).toContain("dist");
    expect(semver.subset(m.engines?.node ?? "*", ">=20.19")).toBe(true);
    const entries = Object.entries(m.exports ?? {});
    expect(entries.length).toBeGreaterThan(0);
    for (const [subpath, conditions] of entries) {
      expect(conditions.types, subpath).toMatch(/^\.\/dist\/.+\.d\.ts$/);
      expect(conditions.default, subpath).toMatch(/^\.\/dist\/.+\.js$/);
      // `types` must come before `default`, or TypeScript never sees it.
      const keys = Object.keys(conditions);
      expect(keys.indexOf("types"), subpath).toBeLessThan(keys.indexOf("default"));
    }
  });
});

describe("the library does not carry the reference host (issue 12)", () => {
  const libraries = ["core", "express", "fastify", "koa", "store-memory", "store-sql", "testkit"];

  /** Every .ts file under a package's src. */
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = `${dir}/${name}`;
      return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
    });

  it.each(libraries)("@pleroma-kit/%s does not depend on @pleroma-kit/reference-host", (dir) => {
    const m = manifest(dir);
    for (const field of [m.dependencies, m.peerDependencies, m.optionalDependencies]) {
      expect(field ?? {}).not.toHaveProperty("@pleroma-kit/reference-host");
    }
    const importing = sources(`${packagesDir}${dir}/src`).filter((file) =>
      /(from\s+|import\s*\(\s*)["']@pleroma-kit\/reference-host/.test(readFileSync(file, "utf8")),
    );
    expect(importing).toEqual([]);
  });
});
