import { createPleromaKit, silentLogger, staticEmojiCatalog, type PleromaKit } from "@pleroma-kit/core";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { createMemoryHostData } from "../src/storage/memory/index.js";
import { createReferenceHost, mastodonRoutes, type MastodonRoutesOptions } from "../src/index.js";
import { FAST_PASSWORDS, testClock } from "./support.js";

type CallInit = { token?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> };

/** Calls `kit.fetch` the way a client would: bearer token, JSON or urlencoded body, parsed JSON answer. */
export function kitCaller(kit: PleromaKit) {
  return async function call(method: string, path: string, init: CallInit = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: BodyInit | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    const res = await kit.fetch(new Request(`http://internal${path}`, { method, headers, body }));
    if (!res) return { status: 0, body: null as any, headers: new Headers() };
    const textBody = await res.text();
    return { status: res.status, body: textBody ? (JSON.parse(textBody) as any) : null, headers: res.headers };
  };
}

/** A kit serving the library and the reference host's Mastodon routes over memory storage. */
export function refKit(options: MastodonRoutesOptions = {}, baseUrl = "https://local.example") {
  const clock = testClock();
  const host = createReferenceHost(createMemoryHostData(), { baseUrl, clock, passwordParams: FAST_PASSWORDS });
  const kit = createPleromaKit({
    baseUrl,
    store: createMemoryStore(),
    host: host.ports,
    clock,
    logger: silentLogger,
    emoji: staticEmojiCatalog([{ shortcode: "blobcat", path: "/emoji/blobs/blobcat.png", tags: ["pack:blobs"] }]),
    extraRoutes: (services) => mastodonRoutes(host, services, options),
  });

  const call = kitCaller(kit);

  /** An app with read/write/follow scopes. */
  async function app() {
    const res = await call("POST", "/api/v1/apps", { body: { client_name: "test", scopes: "read write follow push" } });
    return res.body as { client_id: string; client_secret: string; id: string };
  }

  /** Registers `nickname` through the API and answers its token and account id. */
  async function signUp(nickname: string) {
    const a = await app();
    const appToken = await call("POST", "/oauth/token", { form: { grant_type: "client_credentials", client_id: a.client_id, client_secret: a.client_secret } });
    const reg = await call("POST", "/api/v1/accounts", {
      token: appToken.body.access_token,
      body: { username: nickname, email: `${nickname}@mail.example`, password: `${nickname}-pw`, agreement: true },
    });
    if (reg.status !== 200) throw new Error(`registration failed: ${JSON.stringify(reg.body)}`);
    const me = await call("GET", "/api/v1/accounts/verify_credentials", { token: reg.body.access_token });
    return { token: reg.body.access_token as string, id: me.body.id as string, app: a };
  }

  return { kit, host, clock, call, app, signUp };
}
