/**
 * Issue 12: the database drivers are optional peers, so the library packages must import without
 * them. A child Node process hides `pg` and `better-sqlite3` (a resolve hook makes them "not
 * found") and imports every library entry; the testkit's PostgreSQL probe then says the driver
 * is missing instead of crashing.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));

const hideDrivers = `
import { register } from "node:module";
const hook = \`export async function resolve(specifier, context, next) {
  if (specifier === "pg" || specifier === "better-sqlite3") {
    const error = new Error("Cannot find package '" + specifier + "' (hidden by the test)");
    error.code = "ERR_MODULE_NOT_FOUND";
    throw error;
  }
  return next(specifier, context);
}\`;
register("data:text/javascript," + encodeURIComponent(hook));
`;

const script = `
const entries = ["@pleroma-kit/core", "@pleroma-kit/store-memory", "@pleroma-kit/store-sql", "@pleroma-kit/store-sql/extend", "@pleroma-kit/reference-host/sql"];
for (const entry of entries) await import(entry);
const testkit = await import("@pleroma-kit/testkit");
let pg = "importable";
try { await import("pg"); } catch { pg = "hidden"; }
console.log(JSON.stringify({ probe: await testkit.probePostgres(), pg }));
`;

it("imports the testkit, the stores and the reference host's SQL storage without pg or better-sqlite3", () => {
  const result = spawnSync(
    process.execPath,
    ["--conditions=@pleroma-kit/source", "--import", "tsx", "--import", `data:text/javascript,${encodeURIComponent(hideDrivers)}`, "--input-type=module", "-e", script],
    { cwd: root, encoding: "utf8", timeout: 60_000 },
  );
  expect(result.stderr).not.toMatch(/Error/);
  expect(result.status).toBe(0);
  const out = JSON.parse(result.stdout.trim().split("\n").at(-1)!) as { probe: string | null; pg: string };
  expect(out.pg).toBe("hidden");
  expect(out.probe).toMatch(/pg driver is not installed/);
}, 60_000);
