/**
 * Lists of accounts pleroma-fe polls: search (mention autocomplete), the caller's mutes, blocks and
 * domain blocks, and an account's follows and followers (empty for others when the owner hides them).
 */
import { z } from "zod";
import { defineRoute, fromPort, okAsync, schema, type Entity, type RouteDefinition } from "@pleroma-kit/core";
import type { RelationKind } from "../host-data.js";
import type { ReferenceHost } from "../reference-host.js";
import type { MastodonRouteDeps } from "./deps.js";
import { findAccount } from "./lookups.js";
import { pageInput } from "./paging.js";

const { booleanLike, intLike, text } = schema;

/** Accounts in the order of `ids`, as `viewerId` sees them (deactivated ones left out). */
async function accountsInOrder(host: Pick<ReferenceHost, "ports">, ids: readonly string[], viewerId: string | null): Promise<Entity[]> {
  const rendered = await host.ports.accounts.render(ids, viewerId);
  return ids.flatMap((id) => {
    const e = rendered.get(id);
    return e ? [e] : [];
  });
}

const clamp = (limit: number | undefined, max = 80) => Math.min(Math.max(limit ?? 40, 1), max);

export function accountListRoutes({ host }: Pick<MastodonRouteDeps, "host">): RouteDefinition[] {
  const search = defineRoute({
    name: "mastodon.searchAccounts",
    method: "GET",
    paths: ["/api/v1/accounts/search"],
    auth: "optional",
    scopes: ["read:accounts"],
    softScopes: true,
    input: z.object({ q: text().max(500), limit: intLike().optional(), resolve: booleanLike().optional(), following: booleanLike().optional() }),
    summary: "Local accounts whose nickname or display name starts with `q` (an `@` and a local domain are ignored).",
    handler: ({ viewer, input }) => {
      // "@alice@this.host" and "alice" find the same local account; the reference host has no remote ones.
      const q = input.q.trim().replace(/^@/, "").replace(new RegExp(`@${host.context.localHost.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "i"), "");
      if (q === "" || q.includes("@")) return okAsync([]);
      return fromPort(async () => {
        const users = await host.data.users.search(q, clamp(input.limit, 40));
        return accountsInOrder(host, users.map((u) => u.id), viewer?.id ?? null);
      });
    },
  });

  /** The caller's own relations of `kind` (mutes, blocks). */
  const ownList = (name: string, path: string, kind: RelationKind, scopes: string[]) =>
    defineRoute({
      name,
      method: "GET",
      paths: [path],
      auth: "user",
      scopes,
      input: z.object({ ...pageInput }),
      summary: `The accounts you ${kind === "mute" ? "mute" : "block"}.`,
      handler: ({ viewer, input }) =>
        fromPort(async () => accountsInOrder(host, (await host.data.relations.allFrom(kind, viewer!.id)).slice(0, clamp(input.limit)), viewer!.id)),
    });

  const domainBlocks = defineRoute({
    name: "mastodon.domainBlocks",
    method: "GET",
    paths: ["/api/v1/domain_blocks"],
    auth: "user",
    scopes: ["read:blocks", "follow"],
    summary: "Blocked domains: always empty (the reference host does not federate).",
    handler: () => okAsync([]),
  });

  /** An account's follows or followers; hidden ones are an empty list for anyone but the owner. */
  const follows = (direction: "following" | "followers") =>
    defineRoute({
      name: direction === "following" ? "mastodon.accountFollowing" : "mastodon.accountFollowers",
      method: "GET",
      paths: [`/api/v1/accounts/:id/${direction}`],
      auth: "optional",
      scopes: ["read:accounts"],
      softScopes: true,
      input: z.object({ id: schema.idLike(), ...pageInput }),
      summary: `The accounts ${direction === "following" ? "an account follows" : "following an account"} (empty when hidden from the caller).`,
      handler: ({ viewer, input }) =>
        findAccount(host, input.id).andThen((user) =>
          fromPort(async () => {
            const hidden = direction === "following" ? user.profile?.hideFollows : user.profile?.hideFollowers;
            if (hidden && viewer?.id !== user.id) return [];
            const ids = direction === "following" ? await host.data.relations.allFrom("follow", user.id) : await host.data.relations.allTowards("follow", user.id);
            return accountsInOrder(host, ids.slice(0, clamp(input.limit)), viewer?.id ?? null);
          }),
        ),
    });

  return [
    search,
    ownList("mastodon.mutes", "/api/v1/mutes", "mute", ["read:mutes", "follow"]),
    ownList("mastodon.blocks", "/api/v1/blocks", "block", ["read:blocks", "follow"]),
    domainBlocks,
    follows("following"),
    follows("followers"),
  ];
}
