/** Relationships: reading them, and follow, unfollow, block, unblock, mute and unmute. */
import { z } from "zod";
import { defineRoute, errAsync, fromPort, schema, type RouteDefinition } from "@pleroma-kit/core";
import type { MastodonRouteDeps } from "./deps.js";
import { invalid } from "./errors.js";
import { findAccount } from "./lookups.js";

const { booleanLike, idLike, list } = schema;

type RelationAction = "follow" | "unfollow" | "block" | "unblock" | "mute" | "unmute";

export function relationshipRoutes({ host }: Pick<MastodonRouteDeps, "host">): RouteDefinition[] {
  const relationships = defineRoute({
    name: "mastodon.relationships",
    method: "GET",
    paths: ["/api/v1/accounts/relationships"],
    auth: "user",
    scopes: ["read:follows"],
    input: z.object({ id: list(idLike()).refine((ids) => ids.length <= 100, "at most 100 ids").optional() }),
    summary: "Relationships from the caller to each `id[]`.",
    handler: ({ viewer, input }) => fromPort(() => host.relations.render(viewer!.id, input.id ?? [])),
  });

  /** `POST /api/v1/accounts/:id/<action>`; `selfError` refuses acting on yourself (null allows it). */
  const relationRoute = (action: RelationAction, scopes: string[], selfError: string | null) =>
    defineRoute({
      name: `mastodon.${action}`,
      method: "POST",
      paths: [`/api/v1/accounts/:id/${action}`],
      auth: "user",
      scopes,
      input: z.object({ id: idLike(), notify: booleanLike().optional(), reblogs: booleanLike().optional() }),
      summary: `${action[0]!.toUpperCase()}${action.slice(1)}s an account; answers the Relationship.`,
      handler: ({ viewer, input }) =>
        findAccount(host, input.id).andThen((target) => {
          if (target.id === viewer!.id && selfError) return errAsync(invalid(selfError));
          return fromPort(async () => {
            const me = viewer!.id;
            if (action === "follow") await host.relations.follow(me, target.id, input.notify === undefined ? {} : { notify: input.notify });
            else await host.relations[action](me, target.id);
            const [relationship] = await host.relations.render(me, [target.id]);
            return relationship;
          });
        }),
    });

  return [
    relationships,
    relationRoute("follow", ["follow", "write:follows"], "Can not follow yourself"),
    relationRoute("unfollow", ["follow", "write:follows"], "Can not unfollow yourself"),
    relationRoute("block", ["follow", "write:blocks"], "Can not block yourself"),
    relationRoute("unblock", ["follow", "write:blocks"], null),
    relationRoute("mute", ["follow", "write:mutes"], "Can not mute yourself"),
    relationRoute("unmute", ["follow", "write:mutes"], null),
  ];
}
