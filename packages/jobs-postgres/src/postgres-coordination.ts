/**
 * The coordination ports on PostgreSQL: advisory locks (released by the server when the holder's
 * connection dies, so a killed instance never leaves a pack locked) and LISTEN/NOTIFY signals.
 */
import type { Logger } from "@pleroma-kit/core";
import type { ChangeSignals, Locks } from "@pleroma-kit/core/store-kit";
import pg from "pg";

/** What both take: a pool for short statements, and a namespace separating servers on one database. */
export interface PostgresCoordinationOptions {
  /**
   * Prefix of lock keys and channel names, so two servers (or test runs) sharing a database do
   * not contend. Use the tables' prefix. Default `pk_`.
   */
  readonly namespace?: string;
  readonly logger?: Logger;
}

/**
 * {@link Locks} as transaction-scoped advisory locks: each `withLock` holds one pooled connection
 * in a transaction for as long as `fn` runs. Keys are hashed to 64 bits (`hashtextextended`).
 *
 * @example
 * const kit = createPleromaKit({ ..., locks: postgresLocks(pool, { namespace: "pk_" }) });
 */
export function postgresLocks(pool: pg.Pool, options: PostgresCoordinationOptions = {}): Locks {
  const namespace = options.namespace ?? "pk_";
  return {
    async withLock(key, fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`${namespace}:${key}`]);
        try {
          return await fn();
        } finally {
          await client.query("COMMIT").catch((error: unknown) => {
            broken = true;
            options.logger?.warn("releasing an advisory lock failed", { key, error: String(error) });
          });
        }
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A connection in an unknown state is closed, which also releases its lock.
        client.release(broken);
      }
    },
  };
}

/** {@link ChangeSignals} with a live `close`, for shutdown. */
export interface PostgresSignals extends ChangeSignals {
  close(): Promise<void>;
}

/**
 * {@link ChangeSignals} over LISTEN/NOTIFY: one dedicated connection listens (reconnecting after
 * a second when it drops: signals sent meanwhile are lost, and subscribers fall back to their
 * TTL); `publish` sends `pg_notify` through the pool.
 *
 * @example
 * const signals = postgresSignals(pool, process.env.DATABASE_URL!, { namespace: "pk_" });
 */
export function postgresSignals(pool: pg.Pool, connectionString: string, options: PostgresCoordinationOptions = {}): PostgresSignals {
  const namespace = options.namespace ?? "pk_";
  const channelOf = (channel: string) => `${namespace}${channel}`.replace(/[^a-z0-9_]/gi, "_").slice(0, 63);
  const listeners = new Map<string, Set<() => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;

  const connect = (): Promise<void> => {
    connecting ??= (async () => {
      const next = new pg.Client({ connectionString, application_name: "pleroma-kit-signals" });
      next.on("notification", (message) => {
        for (const listener of listeners.get(message.channel) ?? []) listener();
      });
      const retry = (error?: unknown) => {
        if (client !== next) return;
        client = null;
        if (error) options.logger?.warn("change signal connection lost", { error: String(error) });
        if (!closed) setTimeout(() => void connect().catch(() => {}), 1_000).unref();
      };
      next.on("error", retry);
      next.on("end", () => retry());
      await next.connect();
      client = next;
      for (const channel of listeners.keys()) await next.query(`LISTEN "${channel}"`);
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  return {
    async publish(channel) {
      await pool.query("SELECT pg_notify($1, '')", [channelOf(channel)]);
    },
    subscribe(channel, listener) {
      const name = channelOf(channel);
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
        if (client) void client.query(`LISTEN "${name}"`).catch(() => {});
        else void connect().catch((error: unknown) => options.logger?.warn("change signal connection failed", { error: String(error) }));
      }
      set.add(listener);
      return () => void set.delete(listener);
    },
    async close() {
      closed = true;
      const current = client;
      client = null;
      await connecting?.catch(() => {});
      await current?.end().catch(() => {});
    },
  };
}
