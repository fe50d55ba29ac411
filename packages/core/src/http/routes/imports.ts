import { z } from "zod";
import { idLike, intLike } from "../schema.js";
import { defineRoute, pleromaPaths, Reply } from "../route.js";
import type { RelationImportKind } from "../../ports/host.js";
import { ImportJobSchema } from "../entity-schemas.js";

/**
 * `list`: a string or an uploaded file (multipart); required. A missing value is reported as a
 * type issue so the pipeline renders Akkoma's `Missing field: list.`.
 */
const listInput = z.object({
  list: z.unknown().transform((v, ctx): string | File => {
    if (typeof v === "string" || (typeof File !== "undefined" && v instanceof File)) return v;
    ctx.addIssue({ code: "invalid_type", expected: "string", input: v, message: v === undefined ? "Missing field" : "Invalid string or file" });
    return z.NEVER;
  }).meta({ anyOf: [{ type: "string" }, { type: "string", format: "binary" }], description: "The list as text, or an uploaded file." }),
});

const importRoute = (name: string, path: string, kind: RelationImportKind, scope: string) =>
  defineRoute({
    name,
    method: "POST",
    paths: pleromaPaths(path),
    auth: "user",
    scopes: ["follow", scope],
    // Akkoma does not read the query string here.
    from: ["body"],
    input: listInput,
    summary: `Import ${kind}s from a list (Mastodon CSV or plain); runs as a background job. Answers "job started".`,
    response: z.literal("job started"),
    errors: ["IMPORT_EMPTY", "IMPORT_TOO_LARGE", "IMPORT_TOO_MANY_ROWS", "HOST_FEATURE_MISSING"],
    calls: ["imports.start"],
    handler: ({ input, viewer, services, config }) =>
      services.imports
        .start(viewer!.id, kind, input.list)
        .map((jobId) => new Reply("job started", 200, { location: `${config.baseUrl}/api/v1/pleroma/imports/${jobId}` })),
  });

const readScopes = ["follow", "read:follows", "read:blocks", "read:mutes"];

export const importRoutes = [
  importRoute("imports.follows", "/follow_import", "follow", "write:follows"),
  importRoute("imports.blocks", "/blocks_import", "block", "write:blocks"),
  importRoute("imports.mutes", "/mutes_import", "mute", "write:mutes"),
  defineRoute({
    name: "imports.list",
    method: "GET",
    paths: pleromaPaths("/imports"),
    auth: "user",
    scopes: readScopes,
    summary: "Your recent import jobs with per-result counts (a pleroma-kit addition).",
    response: z.array(ImportJobSchema),
    errors: ["HOST_FEATURE_MISSING"],
    calls: ["imports.list"],
    handler: ({ viewer, services }) => services.imports.list(viewer!.id),
  }),
  defineRoute({
    name: "imports.show",
    method: "GET",
    paths: pleromaPaths("/imports/:id"),
    auth: "user",
    scopes: readScopes,
    from: ["path"],
    input: z.object({ id: idLike() }),
    summary: "One of your import jobs: state and counts per result.",
    response: ImportJobSchema,
    errors: ["IMPORT_NOT_FOUND", "HOST_FEATURE_MISSING"],
    calls: ["imports.get"],
    handler: ({ input, viewer, services }) => services.imports.get(viewer!.id, input.id),
  }),
  defineRoute({
    name: "imports.rows",
    method: "GET",
    paths: pleromaPaths("/imports/:id/rows"),
    auth: "user",
    scopes: readScopes,
    from: ["path", "query"],
    input: z.object({ id: idLike(), offset: intLike().optional(), limit: intLike().optional() }),
    summary: "Per-row results of one of your import jobs, in list order (`offset`, `limit` up to 1000).",
    errors: ["IMPORT_NOT_FOUND", "HOST_FEATURE_MISSING"],
    calls: ["imports.rows"],
    handler: ({ input, viewer, services }) =>
      services.imports.rows(viewer!.id, input.id, {
        ...(input.offset !== undefined ? { offset: input.offset } : {}),
        ...(input.limit !== undefined ? { limit: input.limit } : {}),
      }),
  }),
];
