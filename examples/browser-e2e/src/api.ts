/**
 * The Pleroma API over real HTTP, for what a flow sets up before the browser starts (accounts,
 * statuses) and for checking what the UI did. Only public endpoints: no host internals.
 */
export interface ApiResponse {
  readonly status: number;
  // JSON bodies are whatever the endpoint answers; flows check the fields they need.
  readonly body: any;
}

export type ApiClient = (
  method: string,
  path: string,
  init?: { token?: string; json?: unknown; form?: Record<string, string> },
) => Promise<ApiResponse>;

export function apiClient(baseUrl: string): ApiClient {
  return async (method, path, init = {}) => {
    const headers: Record<string, string> = { accept: "application/json" };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, body: parsed };
  };
}

export interface Account {
  readonly id: string;
  readonly nickname: string;
  readonly password: string;
  /** A user token with read, write and follow scopes. */
  readonly token: string;
}

const SCOPES = "read write follow push";

/** Registers an account through `POST /api/v1/accounts` with an app token, as a client does. */
export async function createAccount(api: ApiClient, nickname: string, password = `pw-${nickname}-e2e`): Promise<Account> {
  const app = await expectOk(api("POST", "/api/v1/apps", { json: { client_name: "browser-e2e", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: SCOPES } }), "create app");
  const appToken = await expectOk(
    api("POST", "/oauth/token", { json: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: SCOPES } }),
    "app token",
  );
  const user = await expectOk(
    api("POST", "/api/v1/accounts", {
      token: appToken.access_token,
      json: { username: nickname, email: `${nickname}@example.com`, password, agreement: true, locale: "en" },
    }),
    `register ${nickname}`,
  );
  const me = await expectOk(api("GET", "/api/v1/accounts/verify_credentials", { token: user.access_token }), "verify_credentials");
  return { id: me.id, nickname, password, token: user.access_token };
}

/** A token for an existing account by the password grant (e.g. the admin's). */
export async function passwordToken(api: ApiClient, nickname: string, password: string, scopes = "read write follow admin"): Promise<string> {
  const app = await expectOk(api("POST", "/api/v1/apps", { json: { client_name: "browser-e2e", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes } }), "create app");
  const token = await expectOk(
    api("POST", "/oauth/token", {
      json: { grant_type: "password", username: nickname, password, client_id: app.client_id, client_secret: app.client_secret, scope: scopes },
    }),
    `password grant for ${nickname}`,
  );
  return token.access_token;
}

async function expectOk(response: Promise<ApiResponse>, what: string): Promise<any> {
  const res = await response;
  if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
