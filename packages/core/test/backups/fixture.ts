/**
 * A small fake host for the backup tests (until the reference host is on main): users with
 * tokens and an in-memory backup source, plus helpers to call the kit and read archives.
 */
import { unzipSync, strFromU8 } from "fflate";
import type {
  BackupPageOptions,
  Clock,
  Entity,
  FileStore,
  HostBackupSource,
  HostPorts,
  JobQueue,
  Principal,
  PleromaStore,
} from "../../src/index.js";
import { createPleromaKit, inProcessJobs, memoryFileStore, memoryMailer, silentLogger, type BackupOptions } from "../../src/index.js";
import { createMemoryStore } from "@pleroma-kit/store-memory";

export interface FakeUser {
  id: string;
  nickname: string;
  email: string | null;
  outbox: Entity[];
  likes: string[];
  bookmarks: string[];
  following: string[];
  blocks: string[];
  mutes: string[];
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 2, 1, 10, 0, 0)): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

export const DAY = 24 * 60 * 60 * 1000;

/** Yields `items` in pages of `pageSize`, as a host reading its database would. */
export async function* paged<T>(items: readonly T[], options: BackupPageOptions): AsyncGenerator<readonly T[]> {
  for (let i = 0; i < items.length; i += options.pageSize) {
    options.signal?.throwIfAborted();
    yield items.slice(i, i + options.pageSize);
  }
}

/** A backup source over plain arrays. */
export function arraySource(users: Map<string, FakeUser>): HostBackupSource {
  const user = (id: string) => {
    const u = users.get(id);
    if (!u) throw new Error(`no user ${id}`);
    return u;
  };
  return {
    async actor(id) {
      const u = users.get(id);
      return u ? { "@context": ["https://www.w3.org/ns/activitystreams"], id: `https://x/users/${u.nickname}`, type: "Person", preferredUsername: u.nickname } : null;
    },
    outbox: (id, o) => paged(user(id).outbox, o),
    likes: (id, o) => paged(user(id).likes, o),
    bookmarks: (id, o) => paged(user(id).bookmarks, o),
    relations: (id, kind, o) => paged(user(id)[kind], o),
  };
}

let counter = 0;

/** A user with a few statuses, likes, bookmarks and relations, all unique to this call. */
export function makeUser(statusCount = 3): FakeUser {
  const n = ++counter;
  const nickname = `user${n}_${Math.random().toString(36).slice(2, 8)}`;
  const outbox = Array.from({ length: statusCount }, (_, i) => ({
    id: `https://x/activities/${n}-${i}`,
    type: "Create",
    actor: `https://x/users/${nickname}`,
    object: { id: `https://x/objects/${n}-${i}`, type: "Note", content: `post ${i} of ${nickname}` },
  }));
  return {
    id: `id-${n}`,
    nickname,
    email: `${nickname}@mail.example`,
    outbox,
    likes: outbox.slice(0, 2).map((a) => (a.object as { id: string }).id),
    bookmarks: outbox.slice(1).map((a) => (a.object as { id: string }).id),
    following: [`friend${n}@remote.example`, `local${n}@x`],
    blocks: [`troll${n}@bad.example`],
    mutes: [],
  };
}

export interface KitOptions {
  readonly users?: FakeUser[];
  readonly store?: PleromaStore;
  readonly files?: FileStore;
  readonly jobs?: JobQueue;
  readonly source?: HostBackupSource | null;
  readonly backups?: BackupOptions;
  /** Scopes of every token; default `read:backups`. */
  readonly scopes?: Record<string, string[]>;
}

/** A kit over the memory store, a fake host and a manual clock. Tokens are `tok-<userId>`. */
export function backupKit(options: KitOptions = {}) {
  const users = new Map((options.users ?? []).map((u) => [u.id, u]));
  const clock = manualClock();
  const files = options.files ?? memoryFileStore();
  const jobs = options.jobs ?? inProcessJobs({ logger: silentLogger });
  const mailer = memoryMailer();
  const store = options.store ?? createMemoryStore();
  const principal = (id: string): Principal | null => {
    const u = users.get(id);
    if (!u) return null;
    return {
      user: { id: u.id, nickname: u.nickname, isAdmin: false, isModerator: false },
      scopes: options.scopes?.[id] ?? ["read:backups"],
      via: "token",
    };
  };
  const unused = async () => {
    throw new Error("not used by backups");
  };
  const host: HostPorts = {
    auth: {
      authenticateToken: async (token) => (token.startsWith("tok-") ? principal(token.slice(4)) : null),
      authenticateSession: async () => null,
      authenticateBasic: async () => null,
    },
    accounts: {
      get: async (id) => {
        const u = users.get(id);
        return u ? { id: u.id, nickname: u.nickname, isLocal: true, isActive: true, email: u.email } : null;
      },
      activeAmong: async (ids) => new Set(ids.filter((id) => users.has(id))),
      findByNickname: unused,
      render: unused,
    },
    statuses: { getVisible: unused, render: unused },
    relationships: { hiddenFor: unused },
    notifications: { create: unused, markOneRead: unused, markReadUpTo: unused },
    federation: { publish: unused },
    ...(options.source === null ? {} : { backupSource: options.source ?? arraySource(users) }),
  };
  const kit = createPleromaKit({
    baseUrl: "https://social.example",
    store,
    host,
    clock,
    files,
    jobs,
    mailer,
    logger: silentLogger,
    ...(options.backups ? { backups: options.backups } : {}),
  });
  const call = async (method: string, path: string, userId?: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (userId) headers.set("authorization", `Bearer tok-${userId}`);
    const response = await kit.fetch(new Request(`http://x${path}`, { ...init, method, headers }));
    if (!response) throw new Error(`no route for ${method} ${path}`);
    return response;
  };
  return { kit, clock, files, jobs, mailer, store, users, call };
}

/** Unzips an archive and decodes every entry as text. */
export function readArchive(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}

/** The path part of a backup URL on https://social.example. */
export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname;
}
