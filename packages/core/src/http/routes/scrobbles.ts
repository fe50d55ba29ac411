import { z } from "zod";
import { idLike, intLike, text } from "../schema.js";
import { defineRoute, pleromaPaths } from "../route.js";
import { pageFrom, pagingInput } from "./paging-input.js";
import { ScrobbleSchema } from "../entity-schemas.js";

const create = defineRoute({
  name: "scrobbles.create",
  method: "POST",
  paths: pleromaPaths("/scrobble"),
  auth: "user",
  scopes: ["write"],
  from: ["body"],
  input: z.object({
    title: text().min(1).max(1000),
    album: text().max(1000).optional(),
    artist: text().max(1000).optional(),
    length: intLike().pipe(z.number().int().min(0).max(2_147_483_647)).optional(),
    visibility: z.enum(["public", "unlisted", "private", "direct"]).optional(),
  }),
  summary: "Record what you are listening to (a Listen activity); answers the scrobble.",
  response: ScrobbleSchema,
  calls: ["scrobbles.create"],
  handler: ({ input, viewer, services }) => services.scrobbles.create(viewer!.id, input),
});

const list = defineRoute({
  name: "scrobbles.list",
  method: "GET",
  paths: pleromaPaths("/accounts/:id/scrobbles"),
  auth: "optional",
  scopes: ["read"],
  softScopes: true,
  from: ["path", "query"],
  input: z.object({ id: idLike(), ...pagingInput }),
  summary: "An account's scrobbles (id or nickname) that you may see, newest first.",
  response: z.array(ScrobbleSchema),
  errors: ["NOT_FOUND"],
  calls: ["scrobbles.list"],
  handler: ({ input, viewer, services }) => services.scrobbles.list(viewer?.id ?? null, input.id, pageFrom(input)),
});

export const scrobbleRoutes = [create, list];
