/**
 * An existing Express server with its own users, statuses, follows and tokens (`schema.ts`), to
 * which pleroma-kit is added: host ports over its tables (`host-ports.ts`), pleroma-kit's tables
 * in the same SQLite file under the `pk_` prefix, and its files (emoji packs, backups) in a folder.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import express, { type RequestHandler } from "express";
import { Kysely, SqliteDialect } from "kysely";
import { createPleromaKit, localFileStore, mastodonConversationRoutes, verifyPassword, type ScryptParams } from "@pleroma-kit/core";
import { pleromaKit } from "@pleroma-kit/express";
import { createSqlStore, migrate } from "@pleroma-kit/store-sql";
import { hostPorts } from "./host-ports.js";
import { createSchema, serverData, sha256, type UserRow, type Visibility } from "./schema.js";

export interface ServerOptions {
  /** The public URL clients reach the server at. */
  readonly baseUrl: string;
  /** The SQLite file of the whole server. */
  readonly databaseFile: string;
  /** Folder for pleroma-kit's files; kept like the database, since its rows point at them. */
  readonly filesDir: string;
  readonly port?: number;
  /** Password hash cost; tests pass a cheap one. Default: core's scrypt defaults. */
  readonly passwordParams?: ScryptParams;
}

export interface RunningServer {
  readonly url: string;
  /** The server's own database handle (tests use it to promote an admin). */
  readonly db: Database.Database;
  close(): Promise<void>;
}

export async function start(options: ServerOptions): Promise<RunningServer> {
  const db = new Database(options.databaseFile);
  db.pragma("journal_mode = WAL");
  createSchema(db); // the server's own tables
  const data = serverData(db, options.passwordParams ? { passwordParams: options.passwordParams } : {});

  // pleroma-kit: its tables beside ours (prefix pk_), its files on disk, our tables behind the ports.
  const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: db }) });
  const sql = { dialect: "sqlite", tablePrefix: "pk_" } as const;
  await migrate(kysely, sql);
  const kit = createPleromaKit({
    baseUrl: options.baseUrl,
    store: createSqlStore(kysely, sql),
    files: localFileStore(options.filesDir),
    host: hostPorts(db, options.baseUrl),
    extraRoutes: () => mastodonConversationRoutes, // GET /api/v1/conversations and friends
  });

  const app = express();
  app.use(express.json());
  app.use(pleromaKit(kit));

  // The server's own API, with its own token check.
  const auth: RequestHandler = (req, res, next) => {
    const token = /^Bearer (\S+)$/.exec(req.get("authorization") ?? "")?.[1];
    const row = token && (db.prepare("select u.* from tokens t join users u on u.id = t.user_id where t.token_hash = ?").get(sha256(token)) as UserRow | undefined);
    if (!row || row.is_active !== 1) return void res.status(401).json({ error: "Invalid credentials" });
    res.locals.user = row;
    next();
  };
  app.post("/signup", async (req, res) => {
    const { nickname, password } = req.body as { nickname?: string; password?: string };
    if (!nickname || !/^\w{1,30}$/.test(nickname) || !password) return void res.status(422).json({ error: "nickname and password required" });
    if (db.prepare("select 1 from users where nickname = ?").get(nickname)) return void res.status(422).json({ error: "nickname taken" });
    const id = await data.createUser(nickname, password);
    res.json({ id: String(id), token: data.issueToken(id, ["read", "write", "follow"]) });
  });
  app.post("/login", async (req, res) => {
    const { nickname, password } = req.body as { nickname?: string; password?: string };
    const user = db.prepare("select * from users where nickname = ?").get(nickname ?? "") as UserRow | undefined;
    if (!user || user.is_active !== 1 || !(await verifyPassword(password ?? "", user.password_hash))) return void res.status(401).json({ error: "Invalid credentials" });
    const scopes = user.is_admin ? ["read", "write", "follow", "admin"] : ["read", "write", "follow"];
    res.json({ id: String(user.id), token: data.issueToken(user.id, scopes) });
  });
  app.post("/statuses", auth, async (req, res) => {
    const { text, visibility = "public", mentions = [], in_reply_to_id } = req.body as { text?: string; visibility?: Visibility; mentions?: string[]; in_reply_to_id?: string };
    if (!text || !["public", "unlisted", "private", "direct"].includes(visibility)) return void res.status(422).json({ error: "text and a visibility required" });
    const author = (res.locals.user as UserRow).id;
    const row = data.postStatus(author, text, visibility, mentions.map(Number), in_reply_to_id ? Number(in_reply_to_id) : null);
    // Tell pleroma-kit about the new status: direct ones become conversations.
    await kit.services.statusEvents.onStatusCreated({
      id: String(row.id),
      authorId: String(author),
      visibility,
      context: String(row.thread_id),
      inReplyToId: row.in_reply_to_id === null ? null : String(row.in_reply_to_id),
      recipientIds: mentions.filter((id) => id !== String(author)),
      createdAt: new Date(row.created_at),
    });
    res.json({ id: String(row.id) });
  });
  app.post("/follows/:id", auth, (req, res) => {
    data.relate("follow", (res.locals.user as UserRow).id, Number(req.params.id));
    res.json({ ok: true });
  });

  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(options.port ?? 4004, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.close();
    },
  };
}
