import { createHash, randomBytes } from "node:crypto";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import {
  createPleromaKit,
  memoryFileStore,
  silentLogger,
  type FileStore,
  type HttpClient,
  type PleromaKitOptions,
  type Principal,
} from "../../src/index.js";
import { fakeHost } from "./fake-host.js";

/** A few bytes that are a PNG by their signature; `seed` makes each one distinct. */
export function png(seed = randomBytes(8).toString("hex")): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR${seed}`)]));
}

export const gif = (seed = "g"): Uint8Array => new Uint8Array(Buffer.from(`GIF89a${seed}`));

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex").toUpperCase();

/** A fake remote: URL -> response, recording every URL asked. Unknown URLs fail like a refused connection. */
/** What a stubbed URL answers. */
export interface StubResponse {
  readonly body: Uint8Array | string;
  readonly status?: number;
  readonly contentType?: string | null;
}

export function stubHttp(routes: Record<string, (() => StubResponse) | undefined> = {}) {
  const asked: string[] = [];
  const client: HttpClient = {
    async get(url) {
      asked.push(url);
      const route = routes[url];
      if (!route) throw Object.assign(new Error(`unreachable ${url}`), { kind: "network" });
      const res = route();
      const body = typeof res.body === "string" ? new TextEncoder().encode(res.body) : res.body;
      return { status: res.status ?? 200, url, contentType: res.contentType ?? null, body };
    },
  };
  return { client, asked, routes };
}

/** Tokens on top of the fake host: a moderator with admin:write, an admin with only read. */
const extraPrincipals: Record<string, Principal> = {
  "mod-token": { user: { id: "u8", nickname: "mod", isAdmin: false, isModerator: true }, scopes: ["admin:write"], via: "token" },
  "admin-read": { user: { id: "u9", nickname: "root", isAdmin: true, isModerator: false }, scopes: ["read", "admin:read"], via: "token" },
};

/** A kit with live packs over `files` (memory by default) and an HTTP client of the test's choice. */
export function packsKit(options: { files?: FileStore; http?: HttpClient; overrides?: Partial<PleromaKitOptions> } = {}) {
  const host = fakeHost();
  const auth = host.ports.auth;
  const ports = {
    ...host.ports,
    auth: { ...auth, authenticateToken: async (t: string) => extraPrincipals[t] ?? auth.authenticateToken(t) },
  };
  const files = options.files ?? memoryFileStore();
  const kit = createPleromaKit({
    baseUrl: "https://local.example",
    store: createMemoryStore(),
    host: ports,
    logger: silentLogger,
    files,
    packs: { http: options.http ?? stubHttp().client },
    ...options.overrides,
  });
  const call = async (
    method: string,
    path: string,
    init: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? "admin-token" : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (init.body instanceof FormData || typeof init.body === "string") body = init.body as BodyInit;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    const res = await kit.fetch(new Request(`http://internal${path}`, { method, headers, body }));
    if (!res) return { status: 0, body: null as any, bytes: new Uint8Array(0), headers: new Headers() };
    const bytes = new Uint8Array(await res.arrayBuffer());
    const type = res.headers.get("content-type") ?? "";
    const parsed = type.includes("json") && bytes.byteLength > 0 ? JSON.parse(new TextDecoder().decode(bytes)) : null;
    return { status: res.status, body: parsed as any, bytes, headers: res.headers };
  };
  /** Every key and its bytes below `emoji` (and the staging area): the whole pack state. */
  const snapshot = async () => {
    const out: Record<string, string> = {};
    for (const prefix of ["emoji", "emoji-staging"]) {
      for (const key of await files.list(prefix)) {
        const stream = await files.read(key);
        out[key] = stream ? sha256(new Uint8Array(await new Response(stream).arrayBuffer())) : "?";
      }
    }
    return out;
  };
  const put = (key: string, data: Uint8Array | string) => files.write(key, typeof data === "string" ? new TextEncoder().encode(data) : data);
  const form = (fields: Record<string, string | Blob | [Uint8Array, string, string]>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) {
      if (Array.isArray(v)) fd.append(k, new Blob([v[0] as Uint8Array<ArrayBuffer>], { type: v[2] }), v[1]);
      else fd.append(k, v);
    }
    return fd;
  };
  return { kit, host, files, call, snapshot, put, form };
}

/** Writes a pack the way Akkoma lays it out. */
export async function seedPack(
  put: (key: string, data: Uint8Array | string) => Promise<unknown>,
  name: string,
  files: Record<string, string>,
  meta: Record<string, unknown> = {},
): Promise<void> {
  await put(`emoji/${name}/pack.json`, JSON.stringify({ files, pack: meta, files_count: Object.keys(files).length }));
  for (const path of new Set(Object.values(files))) await put(`emoji/${name}/${path}`, png(`${name}/${path}`));
}
