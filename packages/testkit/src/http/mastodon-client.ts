/**
 * A tiny JSON client for servers built on the reference host (the demo and the examples): signs
 * up accounts the way a Mastodon client does, over real HTTP, so a test exercises the same
 * requests a user would send with curl.
 */

/** One answer: status, parsed JSON (or the raw text when it is not JSON) and headers. */
export interface ClientAnswer {
  readonly status: number;
  // biome-ignore lint: answers are arbitrary JSON that tests pick apart.
  readonly body: any;
  readonly headers: Headers;
}

/** An account signed up through the API, with a `read write follow` user token. */
export interface SignedUpAccount {
  readonly id: string;
  readonly nickname: string;
  readonly token: string;
}

/** What {@link mastodonClient} returns. */
export interface MastodonClient {
  /** Sends `json` (if any) with the bearer `token` (if any) to `url + path`. */
  call(method: string, path: string, init?: { token?: string; json?: unknown }): Promise<ClientAnswer>;
  /**
   * Registers `nickname` as a client would: `POST /api/v1/apps`, an app-only token from
   * `POST /oauth/token` (client_credentials), then `POST /api/v1/accounts`. Throws with the
   * server's answer when a step fails.
   */
  signUp(nickname: string, password?: string): Promise<SignedUpAccount>;
  /**
   * Logs an existing account in with the password grant (a new app with `scopes`, default
   * `read write follow admin`) and returns its token. Throws with the server's answer on failure.
   */
  logIn(nickname: string, password: string, scopes?: string): Promise<SignedUpAccount>;
}

/** A client for the server at `url` (e.g. `http://127.0.0.1:4001`). */
export function mastodonClient(url: string): MastodonClient {
  const base = url.replace(/\/+$/, "");
  async function call(method: string, path: string, init: { token?: string; json?: unknown } = {}): Promise<ClientAnswer> {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, body, headers: res.headers };
  }
  const expectOk = (step: string, answer: ClientAnswer) => {
    if (answer.status !== 200) throw new Error(`${step} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  return {
    call,
    async signUp(nickname, password = `pw-${nickname}-${Math.random().toString(36).slice(2)}`) {
      const scopes = "read write follow";
      const app = expectOk("POST /api/v1/apps", await call("POST", "/api/v1/apps", { json: { client_name: "test", scopes } }));
      const appToken = expectOk(
        "POST /oauth/token",
        await call("POST", "/oauth/token", {
          json: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: scopes },
        }),
      );
      const user = expectOk(
        "POST /api/v1/accounts",
        await call("POST", "/api/v1/accounts", {
          token: appToken.access_token,
          json: { username: nickname, password, agreement: true, locale: "en" },
        }),
      );
      const self = expectOk("GET /api/v1/accounts/verify_credentials", await call("GET", "/api/v1/accounts/verify_credentials", { token: user.access_token }));
      return { id: self.id as string, nickname, token: user.access_token as string };
    },
    async logIn(nickname, password, scopes = "read write follow admin") {
      const app = expectOk("POST /api/v1/apps", await call("POST", "/api/v1/apps", { json: { client_name: "test", scopes } }));
      const token = expectOk(
        "POST /oauth/token",
        await call("POST", "/oauth/token", {
          json: { grant_type: "password", username: nickname, password, client_id: app.client_id, client_secret: app.client_secret, scope: scopes },
        }),
      );
      const self = expectOk("GET /api/v1/accounts/verify_credentials", await call("GET", "/api/v1/accounts/verify_credentials", { token: token.access_token }));
      return { id: self.id as string, nickname, token: token.access_token as string };
    },
  };
}
