import { createMemoryStore } from "@pleroma-kit/store-memory";
import * as OTPAuth from "otpauth";
import {
  createPleromaKit,
  inProcessJobs,
  memoryMailer,
  silentLogger,
  type AccountSecurityOptions,
  type HostAccountSecurity,
  type HostResolvedAccount,
  type PleromaKitOptions,
  type PleromaStore,
  type Principal,
} from "../../src/index.js";
import { fakeHost } from "./fake-host.js";

interface TestUser {
  id: string;
  nickname: string;
  email: string | null;
  password: string;
  active: boolean;
  confirmed: boolean;
}

/**
 * A kit over the memory store and a fake host with users, passwords and the account-security
 * port, plus a settable clock. Tokens: `user:<id>` (read, write) or `scoped:<id>:<scope,scope>`.
 */
export function securityKit(
  options: {
    security?: AccountSecurityOptions;
    store?: PleromaStore;
    start?: Date;
    activationRequired?: boolean;
    /** OAuth clients the host issues tokens to (id -> secret). Default: `app` / `appsecret`. */
    clients?: Record<string, string>;
    kit?: Partial<PleromaKitOptions>;
  } = {},
) {
  const clients = new Map(Object.entries(options.clients ?? { app: "appsecret" }));
  const base = fakeHost();
  let now = options.start ?? new Date(Date.UTC(2026, 2, 1, 12, 0, 10));
  const clock = { now: () => now };
  const users = new Map<string, TestUser>([
    ["u1", { id: "u1", nickname: "alice", email: "alice@example.com", password: "secret", active: true, confirmed: true }],
    ["u2", { id: "u2", nickname: "bob", email: "bob@example.com", password: "hunter2", active: true, confirmed: true }],
    ["u3", { id: "u3", nickname: "dave", email: "dave@example.com", password: "pw", active: true, confirmed: false }],
  ]);
  const remote = new Map<string, HostResolvedAccount & { nickname: string }>([
    ["carol@remote.example", { id: "r1", nickname: "carol@remote.example", actorUri: "https://remote.example/users/carol", isLocal: false, alsoKnownAs: [] }],
  ]);
  const moved: Array<[string, string]> = [];
  const passwordChecks: string[] = [];
  const principal = (u: TestUser, scopes: string[] | "all", via: Principal["via"]): Principal => ({
    user: { id: u.id, nickname: u.nickname, isAdmin: false, isModerator: false },
    scopes,
    via,
  });
  const actorOf = (nickname: string) => `https://local.example/users/${nickname}`;
  const byLogin = (login: string) =>
    [...users.values()].find((u) => u.nickname === login.toLowerCase() || (u.email !== null && u.email === login.toLowerCase())) ?? null;

  const accountSecurity: HostAccountSecurity = {
    async checkPassword(userId, password) {
      passwordChecks.push(userId);
      const u = users.get(userId);
      return !!u && u.active && u.password === password;
    },
    async findByLogin(login) {
      const u = byLogin(login);
      return u ? { id: u.id, nickname: u.nickname, email: u.email } : null;
    },
    async deleteAccount(userId) {
      const u = users.get(userId)!;
      Object.assign(u, { active: false, email: null, password: "" });
    },
    async disableAccount(userId) {
      users.get(userId)!.active = false;
    },
    async changeEmail(userId, email) {
      if (email === "") {
        if (options.activationRequired) return "blank";
        users.get(userId)!.email = null;
        return null;
      }
      if ([...users.values()].some((u) => u.id !== userId && u.email === email.toLowerCase())) return "taken";
      users.get(userId)!.email = email;
      return null;
    },
    async confirmationMail(userId) {
      const u = users.get(userId);
      if (!u || u.confirmed || !u.email || !options.activationRequired) return null;
      return { to: u.email, subject: "Confirm your account", text: `Hello ${u.nickname}` };
    },
    async resolveAccount(handle) {
      const local = handle.toLowerCase().replace(/@local\.example$/, "");
      const u = [...users.values()].find((x) => x.nickname === local);
      if (u) return { id: u.id, actorUri: actorOf(u.nickname), isLocal: true, alsoKnownAs: [] };
      return remote.get(handle.toLowerCase()) ?? null;
    },
    async moveFollowers(originId, targetId) {
      moved.push([originId, targetId]);
    },
    async issueLoginToken(userId, client, context) {
      if (clients.get(client.clientId) !== client.clientSecret) return null;
      return { access_token: `token-for-${userId}`, client_id: client.clientId, token_type: "Bearer", scope: (context.scopes as string[] | undefined)?.join(" ") ?? "read" };
    },
  };

  const ports = {
    ...base.ports,
    auth: {
      authenticateToken: async (token: string) => {
        const [kind, id, scopes] = token.split(":");
        const u = users.get(id ?? "");
        if (!u || !u.active) return null;
        if (kind === "user") return principal(u, ["read", "write"], "token");
        if (kind === "scoped") return principal(u, (scopes ?? "").split(","), "token");
        return null;
      },
      authenticateSession: async () => null,
      authenticateBasic: async (login: string, password: string) => {
        const u = byLogin(login);
        return u && u.active && u.password === password ? principal(u, "all", "basic") : null;
      },
    },
    accounts: {
      ...base.ports.accounts,
      get: async (id: string) => {
        const u = users.get(id);
        if (u) return { id, nickname: u.nickname, isLocal: true, isActive: u.active, email: u.email };
        const r = [...remote.values()].find((x) => x.id === id);
        return r ? { id, nickname: r.nickname, isLocal: false, isActive: true } : null;
      },
    },
    accountSecurity,
  };
  const mailer = memoryMailer();
  const jobs = inProcessJobs();
  const store = options.store ?? createMemoryStore();
  const kit = createPleromaKit({
    baseUrl: "https://local.example",
    store,
    host: ports,
    clock,
    mailer,
    jobs,
    logger: silentLogger,
    accountSecurity: options.security,
    ...options.kit,
  });

  const call = async (
    method: string,
    path: string,
    init: { token?: string; body?: unknown; headers?: Record<string, string>; basic?: [string, string]; address?: string } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.basic) headers.authorization = `Basic ${Buffer.from(init.basic.join(":")).toString("base64")}`;
    let body: BodyInit | undefined;
    if (init.body instanceof FormData || init.body instanceof URLSearchParams || typeof init.body === "string") body = init.body as BodyInit;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    const res = await kit.fetch(new Request(`http://internal${path}`, { method, headers, body }), { clientAddress: init.address ?? "192.0.2.1" });
    if (!res) return { status: 0, body: null as any, headers: new Headers() };
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as any) : null, headers: res.headers };
  };

  return {
    kit,
    store,
    users,
    remote,
    moved,
    passwordChecks,
    published: base.published,
    mailer,
    jobs,
    call,
    /** Moves the clock by `seconds`. */
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
    now: () => now,
  };
}

/** A TOTP code from otpauth (an independent implementation) for `secret` at `at`. */
export function otp(secret: string, at: Date): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: at.getTime(),
  });
}

/** Sets up and confirms TOTP for `userId` over HTTP; returns the secret. */
export async function enableTotp(t: ReturnType<typeof securityKit>, userId: string, password: string): Promise<string> {
  const setup = await t.call("GET", "/api/pleroma/accounts/mfa/setup/totp", { token: `user:${userId}` });
  const secret = setup.body.key as string;
  const res = await t.call("POST", "/api/pleroma/accounts/mfa/confirm/totp", {
    token: `user:${userId}`,
    body: { password, code: otp(secret, t.now()) },
  });
  if (res.status !== 200) throw new Error(`confirm failed: ${JSON.stringify(res.body)}`);
  return secret;
}

/** Starts a login challenge for `userId` (what the host's password grant does). */
export async function startLogin(t: ReturnType<typeof securityKit>, userId: string): Promise<string> {
  const r = await t.kit.services.loginChallenge.start(userId, { clientId: "app", scopes: ["read", "write"] });
  if (r.isErr() || !r.value) throw new Error("no challenge");
  return r.value.mfa_token;
}

/** Answers a login challenge over HTTP. */
export function answer(t: ReturnType<typeof securityKit>, mfaToken: string, type: string, code: string, client = { client_id: "app", client_secret: "appsecret" }) {
  return t.call("POST", "/oauth/mfa/challenge", { body: { mfa_token: mfaToken, challenge_type: type, code, ...client } });
}
