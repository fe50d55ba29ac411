/**
 * The binding suite's host: just enough identity to test how credentials travel through a
 * framework, and empty answers for everything else (the suite exercises the pipeline, not
 * domains).
 */
import type { HostPorts, PleromaStore, Principal } from "@pleroma-kit/core";

/** The credentials the fake host accepts; the suite sends them in every carrier. */
export const FAKE_CREDENTIALS = {
  token: "good-token",
  cookie: "_pleroma_key=good-token",
  basic: { login: "alice", password: "secret" },
  userId: "u1",
} as const;

const alice = (via: Principal["via"]): Principal => ({
  user: { id: FAKE_CREDENTIALS.userId, nickname: "alice", isAdmin: false, isModerator: false },
  scopes: via === "basic" ? "all" : ["read", "write"],
  via,
});

/** Host ports for the binding suite: the bearer token, the session cookie and Basic `alice:secret`. */
export function fakeBindingHost(): HostPorts {
  return {
    auth: {
      authenticateToken: async (token) => (token === FAKE_CREDENTIALS.token ? alice("token") : null),
      authenticateSession: async (value) => (value === FAKE_CREDENTIALS.token ? alice("cookie") : null),
      authenticateBasic: async (login, password) =>
        login === FAKE_CREDENTIALS.basic.login && password === FAKE_CREDENTIALS.basic.password ? alice("basic") : null,
    },
    accounts: {
      get: async () => null,
      activeAmong: async () => new Set(),
      findByNickname: async () => null,
      render: async () => new Map(),
    },
    statuses: { getVisible: async () => null, render: async () => new Map() },
    relationships: { hiddenFor: async () => new Set() },
    notifications: { create: async () => {}, markOneRead: async () => null, markReadUpTo: async () => [] },
    federation: { publish: async () => {} },
  };
}

/**
 * A store that must never be used: the suite's routes touch no library state. A proxy rather
 * than a literal so it keeps compiling as domains add ports to `PleromaStore`; any call throws,
 * which the suite would see as a 500.
 */
export function unusedStore(): PleromaStore {
  const trap: ProxyHandler<object> = {
    get: (_target, key) => (key === "then" ? undefined : new Proxy(() => {}, trap)),
    apply: () => {
      throw new Error("the binding suite does not use the store");
    },
  };
  return new Proxy({}, trap) as PleromaStore;
}
