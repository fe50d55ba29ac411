/**
 * `npm run openapi`: writes docs/openapi.json from the library's route table. The core test
 * `openapi.test.ts` builds the same document with {@link buildOpenApiDocument} and fails when the
 * committed file differs, so the file cannot drift from the routes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateOpenApi, libraryRoutes, type OpenApiDocument } from "@pleroma-kit/core/internal";

const root = new URL("../", import.meta.url);

/** Where the document is committed. */
export const openApiPath = fileURLToPath(new URL("docs/openapi.json", root));

/** The document for the library routes, versioned like `@pleroma-kit/core`. */
export function buildOpenApiDocument(): OpenApiDocument {
  const core = JSON.parse(readFileSync(new URL("packages/core/package.json", root), "utf8")) as { version: string };
  return generateOpenApi(libraryRoutes, { version: core.version });
}

/** The file's exact text: two-space JSON and a final newline. */
export function renderOpenApi(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(openApiPath, renderOpenApi(buildOpenApiDocument()));
  console.log(`wrote ${openApiPath}`);
}
