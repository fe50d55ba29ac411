/**
 * `npm run endpoints`: writes docs/endpoints.md, one row per endpoint of the route table: its
 * name, method, paths, route file, the service methods its handler calls and the ports those
 * services use. The core test `endpoints-doc.test.ts` renders the same text with
 * {@link renderEndpoints} and fails when the committed file differs, as for openapi.json.
 *
 * The route file follows from the name (`emojiPacks.addFile` lives in `routes/emoji-packs.ts`,
 * which the test checks); the service methods are each route's `calls` (checked against its
 * handler by the same test); the ports per service are {@link SERVICE_PORTS} below, typed so that
 * a new service or a renamed port does not compile until it is listed here.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { libraryRoutes } from "@pleroma-kit/core/internal";
import {
  mastodonConversationRoutes,
  type HostPorts,
  type PleromaStore,
  type RouteDefinition,
  type Services,
} from "@pleroma-kit/core";

/** Where the list is committed. */
export const endpointsPath = fileURLToPath(new URL("../docs/endpoints.md", import.meta.url));

/** A port a service reads or writes: a store or host port by its field, or an infrastructure port. */
type Port =
  | `store.${keyof PleromaStore & string}`
  | `host.${keyof HostPorts & string}`
  | "files"
  | "jobs"
  | "mailer"
  | "http"
  | "emojiCatalog"
  | "clock"
  | "ids";

/**
 * The ports each service uses, directly or through the services it is built on (a service that
 * renders statuses reads `host.statuses` and the reaction store). Kept beside createServices'
 * wiring in services/index.ts: change both together.
 */
export const SERVICE_PORTS: Record<keyof Services, readonly Port[]> = {
  reactions: ["store.reactions", "host.statuses", "host.accounts", "host.relationships", "host.notifications", "host.federation", "emojiCatalog", "clock", "ids"],
  statuses: ["host.statuses", "store.reactions"],
  customEmoji: ["emojiCatalog"],
  notifications: ["host.notifications"],
  health: ["store.health", "jobs"],
  attempts: ["store.attempts", "clock"],
  passwordCheck: ["host.accountSecurity", "store.attempts"],
  mfa: ["store.mfa", "store.attempts", "host.accountSecurity", "clock"],
  loginChallenge: ["store.mfa", "store.attempts", "host.accountSecurity", "clock"],
  captcha: ["store.captcha", "store.attempts", "clock"],
  accountSecurity: ["host.accountSecurity", "host.accounts", "host.federation", "store.accountSettings", "store.mfa", "store.attempts", "mailer", "jobs", "ids"],
  backups: ["store.backups", "host.backupSource", "host.accounts", "files", "jobs", "mailer", "clock"],
  emojiPacks: ["files", "http", "emojiCatalog"],
  adminConfig: [],
  conversations: ["store.conversations", "host.accounts", "host.relationships", "host.statuses", "store.reactions", "clock"],
  favourites: ["host.favourites", "host.statuses", "store.reactions"],
  subscriptions: ["host.subscriptions", "host.accounts", "host.relationships", "host.statuses", "host.notifications"],
  imports: ["store.imports", "host.relationImports", "jobs", "clock", "ids"],
  profileMedia: ["store.profileMedia", "host.profileImages", "files"],
  scrobbles: ["store.scrobbles", "host.accounts", "host.federation", "host.subscriptions", "clock", "ids"],
  statusEvents: ["store.conversations", "host.subscriptions", "host.relationships", "host.statuses", "host.notifications"],
};

/** The route file a route's name points at: `emojiPacks.addFile` -> `emoji-packs.ts`. */
export function routeFileOf(name: string): string {
  const domain = name.slice(0, name.indexOf("."));
  return `${domain.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`;
}

/** The ports used by the services a route calls, each once, in first-seen order. */
export function portsOf(route: RouteDefinition): Port[] {
  const ports = new Set<Port>();
  for (const call of route.calls ?? []) {
    const service = call.slice(0, call.indexOf(".")) as keyof Services;
    for (const port of SERVICE_PORTS[service]) ports.add(port);
  }
  return [...ports];
}

function table(routes: readonly RouteDefinition[]): string[] {
  const code = (s: string) => `\`${s}\``;
  const rows = routes.map((r) =>
    [
      code(r.name),
      r.method,
      r.paths.map(code).join("<br>"),
      code(`routes/${routeFileOf(r.name)}`),
      (r.calls ?? []).map((c) => code(`services.${c}`)).join("<br>"),
      portsOf(r).map(code).join(", "),
    ].join(" | "),
  );
  return ["| Name | Method | Paths | Route file | Service method | Ports |", "| --- | --- | --- | --- | --- | --- |", ...rows.map((row) => `| ${row} |`)];
}

/** The file's exact text. */
export function renderEndpoints(): string {
  const lines = [
    "# Endpoints",
    "",
    "Every endpoint of `@pleroma-kit/core`, by its name. The name (`domain.action`) is the route's `name`,",
    "its OpenAPI `operationId` (other paths of the same route: `<name>.alt`, `<name>.alt2`, ...) and the",
    "`name` field of the kit's log lines for the request. Route files are under `packages/core/src/http/`;",
    "ports are the store (`store.*`) and host (`host.*`) ports and infrastructure the called services use.",
    "",
    "Generated by `npm run endpoints` (scripts/endpoints.ts); a test fails when this file is out of date.",
    "",
    "## Library routes",
    "",
    ...table(libraryRoutes),
    "",
    "## Mastodon conversation routes",
    "",
    "Served only by hosts that pass `mastodonConversationRoutes` through `extraRoutes`.",
    "",
    ...table(mastodonConversationRoutes),
    "",
  ];
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(endpointsPath, renderEndpoints());
  console.log(`wrote ${endpointsPath}`);
}
