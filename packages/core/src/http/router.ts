/**
 * Matches method + path to a route with a segment trie: static segments first, then `:param`.
 * Matching cost depends on path depth, not on the number of routes.
 */
import type { HttpMethod, RouteDefinition } from "./route.js";

interface Node {
  readonly statics: Map<string, Node>;
  param: { readonly name: string; readonly node: Node } | null;
  readonly routes: Map<HttpMethod, RouteDefinition>;
}

export interface RouteMatch {
  readonly route: RouteDefinition;
  /** Decoded path parameters. */
  readonly params: Record<string, string>;
}

/** Result of matching: a route, "the path is ours but the segment encoding is broken", or nothing. */
export type MatchOutcome = RouteMatch | "bad-encoding" | null;

const newNode = (): Node => ({ statics: new Map(), param: null, routes: new Map() });

export class Router {
  private readonly root = newNode();

  constructor(routes: readonly RouteDefinition[]) {
    for (const route of routes) for (const path of route.paths) this.add(route, path);
  }

  private add(route: RouteDefinition, path: string): void {
    let node = this.root;
    for (const segment of split(path)) {
      if (segment.startsWith(":")) {
        const name = segment.slice(1);
        if (node.param && node.param.name !== name) {
          throw new TypeError(`pleroma-kit: conflicting parameter names at ${path}`);
        }
        node.param ??= { name, node: newNode() };
        node = node.param.node;
      } else {
        let next = node.statics.get(segment);
        if (!next) node.statics.set(segment, (next = newNode()));
        node = next;
      }
    }
    if (node.routes.has(route.method)) {
      throw new TypeError(`pleroma-kit: duplicate route ${route.method} ${path}`);
    }
    node.routes.set(route.method, route);
  }

  match(method: string, pathname: string): MatchOutcome {
    const segments = split(pathname);
    const raw: Array<[string, string]> = [];
    const node = this.walk(this.root, segments, 0, raw);
    const route = node?.routes.get(method as HttpMethod);
    if (!route) return null;
    const params: Record<string, string> = {};
    for (const [name, value] of raw) {
      try {
        params[name] = decodeURIComponent(value);
      } catch {
        return "bad-encoding";
      }
    }
    return { route, params };
  }

  private walk(node: Node, segments: string[], i: number, raw: Array<[string, string]>): Node | null {
    if (i === segments.length) return node;
    const segment = segments[i]!;
    const next = node.statics.get(segment);
    if (next) {
      const found = this.walk(next, segments, i + 1, raw);
      if (found && found.routes.size > 0) return found;
    }
    if (node.param && segment !== "") {
      raw.push([node.param.name, segment]);
      const found = this.walk(node.param.node, segments, i + 1, raw);
      if (found && found.routes.size > 0) return found;
      raw.pop();
    }
    return null;
  }
}

/**
 * The path's segments with empty ones dropped: repeated slashes count as one and a trailing slash
 * is ignored, as nginx's default `merge_slashes` does in front of Akkoma (admin-fe links pack
 * archives as `//api/v1/pleroma/emoji/packs/archive`). Only literal `/` separates segments: an
 * encoded `%2F` stays inside its segment (decoded only into a parameter's value), and dot segments
 * were already resolved by URL parsing, so merging cannot climb out of a path or reach another route.
 */
function split(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}
