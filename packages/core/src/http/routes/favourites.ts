import { z } from "zod";
import { idLike } from "../schema.js";
import { linkHeader } from "../link-header.js";
import { defineRoute, pleromaPaths, Reply } from "../route.js";
import { pageFrom, pagingInput } from "./paging-input.js";
import { StatusSchema } from "../entity-schemas.js";

const favourites = defineRoute({
  name: "favourites.list",
  method: "GET",
  paths: pleromaPaths("/accounts/:id/favourites"),
  auth: "optional",
  scopes: ["read:favourites"],
  softScopes: true,
  from: ["path", "query"],
  input: z.object({ id: idLike(), ...pagingInput }),
  summary: "An account's favourited posts (only when it does not hide them), newest status first.",
  response: z.array(StatusSchema),
  errors: ["NOT_FOUND", "FAVOURITES_HIDDEN", "HOST_FEATURE_MISSING"],
  calls: ["favourites.list"],
  handler: ({ input, viewer, services, config, request }) =>
    services.favourites
      .list(viewer?.id ?? null, input.id, pageFrom(input))
      .map(
        (page) =>
          new Reply(
            page.statuses,
            200,
            linkHeader(config.baseUrl, request, page.bounds && { next: { max_id: page.bounds.oldest }, prev: { min_id: page.bounds.newest } }),
          ),
      ),
});

export const favouriteRoutes = [favourites];
