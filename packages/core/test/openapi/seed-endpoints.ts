/**
 * Reads the method and path of every endpoint of the API seed (pleroma_api.md): `## ` headings
 * name a path, with the method in the heading (`GET /path?name=:name`), in `Method: \`GET\``
 * lines below it, or in `- PATCH \`/path\`` lines (the `update_*` section).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** One endpoint as `METHOD /path/{param}`. */
export type Endpoint = `${string} ${string}`;

/** The seed's admin entry only links to another document (admin_api.md), which is out of scope. */
const OUT_OF_SCOPE = new Set(["/api/v1/pleroma/admin/"]);

/** Where the seed may be: `PLEROMA_KIT_SEED`, or `shared/seed/` beside the checkout (CI) or its parent (worktrees). */
export function findSeed(): string | null {
  const root = new URL("../../../../", import.meta.url);
  const candidates = [
    process.env.PLEROMA_KIT_SEED,
    fileURLToPath(new URL("../shared/seed/pleroma_api.md", root)),
    fileURLToPath(new URL("../../shared/seed/pleroma_api.md", root)),
  ];
  return candidates.find((c): c is string => c !== undefined && c !== "" && existsSync(c)) ?? null;
}

/** The endpoints of the seed text, sorted, in OpenAPI path syntax. */
export function seedEndpoints(markdown: string): Endpoint[] {
  const found = new Set<Endpoint>();
  const sections = markdown.split(/^## /m).slice(1);
  for (const section of sections) {
    const heading = /^`(?:([A-Z]+) )?([^`?]+)(?:\?[^`]*)?`/.exec(section);
    if (!heading) continue;
    const [, headingMethod, path] = heading;
    if (OUT_OF_SCOPE.has(path!)) continue;
    for (const m of section.matchAll(/^- ([A-Z]+) `([^`]+)`/gm)) found.add(endpoint(m[1]!, m[2]!));
    if (path!.includes("*")) continue;
    const methods = headingMethod ? [headingMethod] : [...section.matchAll(/method:? `([A-Z]+)`/gi)].map((m) => m[1]!);
    for (const method of methods) found.add(endpoint(method, path!));
  }
  return [...found].sort();
}

/** The committed extraction, so the coverage test runs where the seed is not at hand. */
export function committedSeedEndpoints(): Endpoint[] {
  return JSON.parse(readFileSync(new URL("./seed-endpoints.json", import.meta.url), "utf8")) as Endpoint[];
}

function endpoint(method: string, path: string): Endpoint {
  return `${method.toUpperCase()} ${path.trim().replace(/:([A-Za-z_]\w*)/g, "{$1}")}`;
}
