/**
 * Endpoints pleroma-fe polls for features outside the demo's scope (lists, bookmark folders, chats,
 * announcements, peers, the instance panel, front-end configurations). Each answers a valid empty
 * value, so the front end renders "nothing yet" instead of failing (docs/compatibility.md lists them).
 */
import { defineRoute, okAsync, type RouteDefinition } from "@pleroma-kit/core";

const empty = (name: string, path: string, auth: "user" | "none", scopes: string[], summary: string, body: unknown = []) =>
  defineRoute({ name, method: "GET", paths: [path], auth, ...(scopes.length ? { scopes } : {}), summary, handler: () => okAsync(body) });

export function placeholderRoutes(): RouteDefinition[] {
  const panel = defineRoute({
    name: "mastodon.instancePanel",
    method: "GET",
    paths: ["/instance/panel.html"],
    auth: "none",
    summary: "The instance panel pleroma-fe shows beside the timeline: empty HTML.",
    responseType: "text/html",
    handler: () => okAsync(new Response("", { status: 200, headers: { "content-type": "text/html; charset=utf-8" } })),
  });
  return [
    empty("mastodon.lists", "/api/v1/lists", "user", ["read:lists"], "Lists: always empty (not in the demo's scope)."),
    empty("mastodon.bookmarkFolders", "/api/v1/pleroma/bookmark_folders", "user", ["read:bookmarks"], "Bookmark folders: always empty."),
    empty("mastodon.chats", "/api/v1/pleroma/chats", "user", ["read:chats"], "Chats: always empty."),
    empty("mastodon.announcements", "/api/v1/announcements", "none", [], "Announcements: always empty."),
    empty("mastodon.peers", "/api/v1/instance/peers", "none", [], "Known peers: always empty (no federation)."),
    empty("mastodon.frontendConfigurations", "/api/pleroma/frontend_configurations", "none", [], "Front-end configurations: none, so front ends use their defaults.", {}),
    panel,
  ];
}
