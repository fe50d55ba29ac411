/**
 * Serves built web frontends (pleroma-fe at `/`, admin-fe at `/pleroma/admin/`) the way Akkoma
 * does: files from a folder, `index.html` for client-side routes, API paths never touched. It is
 * the host's last fallback, after the kit and before the 404, so whatever the kit serves wins.
 * Framework-neutral: it returns an answer, each framework writes it (see frameworks.ts).
 */
import { existsSync, realpathSync } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, join, sep } from "node:path";

/** One frontend folder served below a path prefix (`/` or `/pleroma/admin/`). */
export interface FrontendMount {
  readonly prefix: string;
  /** Folder holding `index.html`. */
  readonly dir: string;
}

/** What to send; `body` is sent for GET and dropped for HEAD by the framework (Node drops it). */
export interface StaticAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** `(method, raw request URL, If-None-Match) → answer`, or `null` for "not mine" (the host's 404). */
export type StaticFrontends = (method: string, rawUrl: string, ifNoneMatch?: string) => Promise<StaticAnswer | null>;

/**
 * Path prefixes that belong to the API (Akkoma answers JSON 404 there, never `index.html`): a
 * missing endpoint must not look like a 200 HTML page to a client.
 */
export const API_PREFIXES = ["/api", "/oauth", "/nodeinfo", "/.well-known", "/emoji", "/media", "/proxy", "/inbox", "/internal"];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".eot": "application/vnd.ms-fontobject",
  ".wasm": "application/wasm",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
};

export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Build tools put a content hash in the names of assets (`app.31aedec2.js`, `main.DHzsn1SN.css`):
 * such a file never changes, so browsers may keep it for a year. The hash has a digit or a capital
 * letter, which tells it from words like `min` or `theme`.
 */
export function isHashedAsset(path: string): boolean {
  const m = /\.([A-Za-z0-9_-]{7,})\.[A-Za-z0-9]+$/.exec(path);
  return m !== null && /[0-9A-Z]/.test(m[1]!);
}

const IMMUTABLE = "public, max-age=31536000, immutable";
// Everything else is revalidated on each use (ETag), so a new build is picked up at once.
const REVALIDATE = "no-cache";

/**
 * The handler for a set of mounts. Folders are checked now, so a wrong path fails at start with
 * a message instead of serving 404s.
 */
export function staticFrontends(mounts: readonly FrontendMount[]): StaticFrontends {
  const resolved = mounts
    .map((m) => ({ prefix: normalizePrefix(m.prefix), root: checkedRoot(m) }))
    // Longest prefix first: `/pleroma/admin/` is not pleroma-fe's client-side route.
    .sort((a, b) => b.prefix.length - a.prefix.length);

  return async (method, rawUrl, ifNoneMatch) => {
    if (method !== "GET" && method !== "HEAD") return null;
    const rawPath = rawUrl.split(/[?#]/, 1)[0]!;
    for (const { prefix, root } of resolved) {
      if (prefix !== "/" && rawPath === prefix.slice(0, -1)) return redirect(prefix, rawUrl.slice(rawPath.length));
      if (!rawPath.startsWith(prefix)) continue;
      const segments = safeSegments(rawPath.slice(prefix.length));
      if (segments === null) return null;
      if (prefix === "/" && isApiPath(segments)) return null;
      const file = segments.length === 0 ? "missing" : await fileInside(root, segments);
      if (file === "refused") return null;
      if (file !== "missing") return fileAnswer(file, ifNoneMatch);
      // A missing asset is a 404 (a broken build shows up as such), not a page of HTML.
      if (segments[0] === "static") return null;
      const index = await fileInside(root, ["index.html"]);
      return typeof index === "string" ? null : fileAnswer(index, ifNoneMatch);
    }
    return null;
  };
}

function checkedRoot(mount: FrontendMount): string {
  let root: string;
  try {
    root = realpathSync(mount.dir);
  } catch {
    throw new Error(`frontend folder for ${mount.prefix} not found: ${mount.dir}`);
  }
  if (!existsSync(join(root, "index.html"))) throw new Error(`frontend folder for ${mount.prefix} has no index.html: ${mount.dir}`);
  return root;
}

function normalizePrefix(prefix: string): string {
  const p = `/${prefix.replace(/^\/+|\/+$/g, "")}/`;
  return p === "//" ? "/" : p;
}

function isApiPath(segments: readonly string[]): boolean {
  const path = `/${segments.join("/")}`;
  return API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Decoded path segments, or `null` when the path tries to leave the folder or hide a character a
 * file name must not have: `..`/`.`, backslashes, NUL, an encoded `/`, bad percent-encoding.
 * Empty segments (`a//b`) are dropped, as nginx's `merge_slashes` does.
 */
export function safeSegments(rawRelative: string): string[] | null {
  const out: string[] = [];
  for (const raw of rawRelative.split("/")) {
    if (raw === "") continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === "." || seg === ".." || /[/\\\0]/.test(seg)) return null;
    out.push(seg);
  }
  return out;
}

interface FoundFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The regular file at `segments` below `root`; `refused` when its real path (symlinks resolved)
 * is outside `root`, so a link out of the folder is a 404 rather than the client-side route page.
 */
async function fileInside(root: string, segments: readonly string[]): Promise<FoundFile | "missing" | "refused"> {
  let real: string;
  try {
    real = await realpath(join(root, ...segments));
  } catch {
    return "missing";
  }
  if (!real.startsWith(root.endsWith(sep) ? root : root + sep)) return "refused";
  try {
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size, mtimeMs: info.mtimeMs } : "missing";
  } catch {
    return "missing";
  }
}

async function fileAnswer(file: FoundFile, ifNoneMatch: string | undefined): Promise<StaticAnswer> {
  const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  const headers = {
    "cache-control": isHashedAsset(file.path) ? IMMUTABLE : REVALIDATE,
    etag,
    "x-content-type-options": "nosniff",
  };
  if (ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim() === etag)) {
    return { status: 304, headers, body: Buffer.alloc(0) };
  }
  const body = await readFile(file.path);
  return {
    status: 200,
    headers: { ...headers, "content-type": contentTypeOf(file.path), "content-length": String(body.length) },
    body,
  };
}

function redirect(prefix: string, query: string): StaticAnswer {
  return { status: 301, headers: { location: prefix + query, "cache-control": REVALIDATE }, body: Buffer.alloc(0) };
}
