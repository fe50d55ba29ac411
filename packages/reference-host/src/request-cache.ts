/**
 * A per-request cache over the host's data: inside a request (the kit's `fetch`, through
 * `HostPorts.requestScope`) each user and status row is loaded once, however many parts of the
 * request ask for it (the authenticator, visibility, filters, renderers), and parallel asks for one
 * row share one look-up. Outside a request every call goes straight to the data. Writes made
 * through this wrapper update the cache, so a request reads its own writes; writes by other
 * requests are seen by the next request, as if each request read its rows when it started.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { HostData, StatusRow, UserRow } from "./host-data.js";

interface Rows<T> {
  /** Settled or in-flight look-ups by id; null when the row does not exist. */
  readonly byId: Map<string, Promise<T | null>>;
}

interface RequestRows {
  readonly users: Rows<UserRow>;
  readonly statuses: Rows<StatusRow>;
}

/** The data to build the host on and the scope to hand core as `requestScope`. */
export interface RequestCachedData {
  readonly data: HostData;
  requestScope<T>(run: () => Promise<T>): Promise<T>;
}

export function requestCachedData(data: HostData): RequestCachedData {
  const storage = new AsyncLocalStorage<RequestRows>();
  const rows = <K extends keyof RequestRows>(kind: K): RequestRows[K] | undefined => storage.getStore()?.[kind];

  /** `byId` through the cache. */
  const one = <T>(cache: Rows<T> | undefined, id: string, load: (id: string) => Promise<T | null>): Promise<T | null> => {
    if (!cache) return load(id);
    let found = cache.byId.get(id);
    if (!found) {
      found = load(id);
      cache.byId.set(id, found);
      found.catch(() => cache.byId.delete(id));
    }
    return found;
  };

  /** `byIds` through the cache: one batch for the ids not asked for yet; answers in `ids` order. */
  const many = async <T extends { id: string }>(cache: Rows<T> | undefined, ids: readonly string[], load: (ids: readonly string[]) => Promise<T[]>): Promise<T[]> => {
    if (!cache) return load(ids);
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => !cache.byId.has(id));
    if (missing.length > 0) {
      const batch = load(missing).then((found) => new Map(found.map((r) => [r.id, r])));
      for (const id of missing) {
        const row = batch.then((m) => m.get(id) ?? null);
        cache.byId.set(id, row);
        row.catch(() => cache.byId.delete(id));
      }
    }
    const out: T[] = [];
    for (const id of unique) {
      const row = await cache.byId.get(id)!;
      if (row !== null) out.push(row);
    }
    return out;
  };

  /** Records rows a write or a page query returned. */
  const remember = <T extends { id: string }>(cache: Rows<T> | undefined, list: readonly T[]) => {
    if (cache) for (const r of list) cache.byId.set(r.id, Promise.resolve(r));
  };

  const cached: HostData = {
    ...data,
    users: {
      ...data.users,
      byId: (id) => one(rows("users"), id, (x) => data.users.byId(x)),
      byIds: (ids) => many(rows("users"), ids, (x) => data.users.byIds(x)),
      async create(user) {
        const row = await data.users.create(user);
        remember(rows("users"), [row]);
        return row;
      },
      async update(id, patch) {
        const row = await data.users.update(id, patch);
        rows("users")?.byId.set(id, Promise.resolve(row));
        return row;
      },
    },
    tokens: {
      ...data.tokens,
      async byHashWithUser(tokenHash) {
        const found = await data.tokens.byHashWithUser(tokenHash);
        if (found?.user) remember(rows("users"), [found.user]);
        return found;
      },
    },
    statuses: {
      ...data.statuses,
      byId: (id) => one(rows("statuses"), id, (x) => data.statuses.byId(x)),
      byIds: (ids) => many(rows("statuses"), ids, (x) => data.statuses.byIds(x)),
      async create(status) {
        const row = await data.statuses.create(status);
        remember(rows("statuses"), [row]);
        return row;
      },
      async delete(id) {
        const deleted = await data.statuses.delete(id);
        rows("statuses")?.byId.set(id, Promise.resolve(null));
        return deleted;
      },
      async byAuthor(authorId, page) {
        const list = await data.statuses.byAuthor(authorId, page);
        remember(rows("statuses"), list);
        return list;
      },
      async byVisibility(visibilities, page) {
        const list = await data.statuses.byVisibility(visibilities, page);
        remember(rows("statuses"), list);
        return list;
      },
    },
  };

  return {
    data: cached,
    requestScope: (run) => storage.run({ users: { byId: new Map() }, statuses: { byId: new Map() } }, run),
  };
}
