/**
 * Which routes the kit serves, and why not the others: route switches from the embedder
 * (`routes: { "reactions.add": false }`), replacements, and routes whose host-port methods are
 * missing. `kit.endpoints()` returns the report; one start-up log line summarises it.
 */
import { errAsync } from "neverthrow";
import { appError } from "../errors/index.js";
import type { HostPorts } from "../ports/host.js";
import type { Logger } from "../ports/infrastructure.js";
import { hostHas, routeNeeds, type HostMethod } from "./host-needs.js";
import type { HttpMethod, RouteDefinition } from "./route.js";

/**
 * Per library route name: `false` leaves the route's paths to the host (the kit does not match
 * them), a route definition serves those requests with the host's own handler through the kit's
 * pipeline. Unknown names make `createPleromaKit` throw.
 */
export type RouteSwitches = Readonly<Record<string, false | RouteDefinition>>;

/**
 * One endpoint as the kit serves it:
 * - `served`: the library's route;
 * - `replaced`: the host's route given in `routes`, at the library route's place;
 * - `disabled`: switched off with `false`; the kit does not claim its paths;
 * - `not-implemented`: a host-port method it needs is missing; it answers 404 `{"error":"Not implemented"}`.
 * Routes from `extraRoutes` are listed with `source: "host"`.
 */
export interface EndpointReport {
  readonly name: string;
  readonly method: HttpMethod;
  readonly paths: readonly string[];
  readonly source: "library" | "host";
  readonly status: "served" | "replaced" | "disabled" | "not-implemented";
  /** Why the endpoint is not served as the library's: the missing methods, or the switch. */
  readonly reason?: string;
  /** The missing host-port methods (`not-implemented` only). */
  readonly missing?: readonly HostMethod[];
}

export interface EndpointPlan {
  /** The routes to match, in order. */
  readonly routes: readonly RouteDefinition[];
  readonly report: readonly EndpointReport[];
}

/** Builds the plan; throws on unknown switch names or duplicate names. */
export function planEndpoints(
  library: readonly RouteDefinition[],
  extra: readonly RouteDefinition[],
  switches: RouteSwitches,
  host: HostPorts,
): EndpointPlan {
  const known = new Set(library.map((r) => r.name));
  const unknown = Object.keys(switches).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`createPleromaKit: routes has unknown route names: ${unknown.join(", ")} (see docs/endpoints.md for the names)`);
  }
  const routes: RouteDefinition[] = [];
  const report: EndpointReport[] = [];
  for (const route of library) {
    const base = { name: route.name, method: route.method, paths: route.paths, source: "library" as const };
    const change = Object.hasOwn(switches, route.name) ? switches[route.name] : undefined;
    if (change === false) {
      report.push({ ...base, status: "disabled", reason: "switched off in options.routes" });
      continue;
    }
    if (change !== undefined) {
      routes.push(change);
      report.push({ ...base, method: change.method, paths: change.paths, status: "replaced", reason: "replaced in options.routes" });
      continue;
    }
    const missing = routeNeeds(route).filter((m) => !hostHas(host, m));
    if (missing.length > 0) {
      routes.push(notImplemented(route));
      report.push({ ...base, status: "not-implemented", reason: `host lacks ${missing.map((m) => `host.${m}`).join(", ")}`, missing });
      continue;
    }
    routes.push(route);
    report.push({ ...base, status: "served" });
  }
  for (const route of extra) {
    routes.push(route);
    report.push({ name: route.name, method: route.method, paths: route.paths, source: "host", status: "served" });
  }
  return { routes, report };
}

/**
 * The route as an endpoint the host cannot back: same paths, no credentials read, answers 404
 * `{"error":"Not implemented"}` (Akkoma's answer for an endpoint it does not implement), never 500.
 */
function notImplemented(route: RouteDefinition): RouteDefinition {
  return {
    name: route.name,
    method: route.method,
    paths: route.paths,
    auth: "none",
    summary: route.summary,
    from: [],
    handler: () => errAsync(appError("HOST_FEATURE_MISSING")),
  };
}

/** The one start-up line: counts, and each endpoint that is off with its reason. */
export function logEndpointReport(logger: Logger, report: readonly EndpointReport[]): void {
  const count = (status: EndpointReport["status"]) => report.filter((e) => e.status === status).length;
  const off = report.filter((e) => e.status === "disabled" || e.status === "not-implemented");
  const summary =
    `pleroma-kit endpoints: ${count("served")} served, ${count("replaced")} replaced, ` +
    `${count("disabled")} disabled, ${count("not-implemented")} not implemented` +
    (off.length > 0 ? ` (${off.map((e) => `${e.name}: ${e.reason}`).join("; ")})` : "");
  logger.info(summary, {
    served: count("served"),
    replaced: count("replaced"),
    disabled: off.filter((e) => e.status === "disabled").map((e) => e.name),
    notImplemented: off.filter((e) => e.status === "not-implemented").map((e) => e.name),
  });
}
