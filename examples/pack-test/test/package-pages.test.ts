/**
 * Issue 12 item 8: every published tarball carries the MIT licence and a README. npm always packs
 * a package's own LICENSE and README.md, so each publishable package keeps a copy of the root
 * LICENSE; this test keeps the copies identical and asks `npm pack --dry-run` what it would ship.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const rootLicence = readFileSync(`${root}LICENSE`, "utf8");

interface PackageJson { name: string; private?: boolean; license?: string }
const readPackage = (dir: string): PackageJson => JSON.parse(readFileSync(`${dir}/package.json`, "utf8")) as PackageJson;

const workspaces = ["packages", "examples"].flatMap((group) =>
  readdirSync(`${root}${group}`)
    .map((name) => `${root}${group}/${name}`)
    .filter((dir) => existsSync(`${dir}/package.json`)),
);
const published = workspaces.filter((dir) => readPackage(dir).private !== true);

describe("licence and package pages", () => {
  it("the root LICENSE is MIT, for the pleroma-kit authors", () => {
    expect(rootLicence).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the pleroma-kit authors\n/);
  });

  it("every package.json, the root's included, says MIT", () => {
    const licences = Object.fromEntries([root, ...workspaces].map((dir) => [readPackage(dir).name, readPackage(dir).license]));
    expect(Object.values(licences).every((l) => l === "MIT"), JSON.stringify(licences)).toBe(true);
    expect(Object.keys(licences).length).toBeGreaterThan(8);
  });

  it.each(published.map((dir) => [dir.slice(root.length), dir]))("%s has the root LICENSE and a README", (_name, dir) => {
    expect(readFileSync(`${dir}/LICENSE`, "utf8")).toBe(rootLicence);
    const readme = readFileSync(`${dir}/README.md`, "utf8");
    expect(readme.startsWith(`# ${readPackage(dir).name}\n`)).toBe(true);
    expect(readme).toContain(`npm install`);
    expect(readme).toContain("../../docs/");
  });

  it("npm pack ships LICENSE and README.md in every published tarball", () => {
    const args = ["pack", "--dry-run", "--json", "--ignore-scripts", ...published.flatMap((dir) => ["-w", dir.slice(root.length)])];
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const result = spawnSync("npm", args, { cwd: root, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(result.status, result.stderr).toBe(0);
    const packs = JSON.parse(result.stdout) as { name: string; files: { path: string }[] }[];
    expect(packs.map((p) => p.name).sort()).toEqual(published.map((dir) => readPackage(dir).name).sort());
    for (const pack of packs) {
      const files = pack.files.map((f) => f.path);
      expect(files, pack.name).toContain("LICENSE");
      expect(files, pack.name).toContain("README.md");
    }
  }, 60_000);
});
