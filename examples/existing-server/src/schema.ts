/**
 * The server's own data, as it was before pleroma-kit: users, statuses, follows (with blocks and
 * mutes), tokens and notifications in one SQLite file, written with plain better-sqlite3. Nothing
 * here knows about pleroma-kit; `host-ports.ts` reads these tables for it.
 */
import { createHash, randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { hashPassword, type ScryptParams } from "@pleroma-kit/core";

export type Visibility = "public" | "unlisted" | "private" | "direct";

export interface UserRow {
  id: number;
  nickname: string;
  email: string | null;
  password_hash: string;
  is_admin: number;
  is_active: number;
  created_at: string;
}

export interface StatusRow {
  id: number;
  author_id: number;
  text: string;
  visibility: Visibility;
  /** Comma-separated user ids the status is addressed to. */
  mentions: string;
  /** The thread: the first status's id. */
  thread_id: number;
  in_reply_to_id: number | null;
  created_at: string;
}

/** Creates the server's tables (idempotent). pleroma-kit's own tables are `pk_*`, made by store-sql. */
export function createSchema(db: Database.Database): void {
  db.exec(`
    create table if not exists users (
      id integer primary key autoincrement, nickname text not null unique, email text unique,
      password_hash text not null, is_admin integer not null default 0, is_active integer not null default 1,
      created_at text not null);
    create table if not exists tokens (
      token_hash text primary key, user_id integer not null references users(id), scopes text not null);
    create table if not exists statuses (
      id integer primary key autoincrement, author_id integer not null references users(id), text text not null,
      visibility text not null, mentions text not null default '', thread_id integer, in_reply_to_id integer,
      created_at text not null);
    create table if not exists follows (
      kind text not null check (kind in ('follow', 'block', 'mute')), from_id integer not null, to_id integer not null,
      primary key (kind, from_id, to_id));
    create table if not exists notifications (
      id integer primary key autoincrement, user_id integer not null, actor_id integer not null, type text not null,
      status_id integer, emoji text, seen integer not null default 0, created_at text not null);
  `);
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The server's own operations, used by its routes (and by tests to set up data). */
export function serverData(db: Database.Database, options: { passwordParams?: ScryptParams } = {}) {
  const now = () => new Date().toISOString();
  return {
    async createUser(nickname: string, password: string, email: string | null = null): Promise<number> {
      const hash = await hashPassword(password, options.passwordParams);
      return Number(db.prepare("insert into users (nickname, email, password_hash, created_at) values (?, ?, ?, ?)").run(nickname, email, hash, now()).lastInsertRowid);
    },
    /** A new bearer token; only its SHA-256 is stored. */
    issueToken(userId: number, scopes: readonly string[]): string {
      const token = randomBytes(24).toString("base64url");
      db.prepare("insert into tokens (token_hash, user_id, scopes) values (?, ?, ?)").run(sha256(token), userId, scopes.join(" "));
      return token;
    },
    postStatus(authorId: number, text: string, visibility: Visibility, mentions: readonly number[] = [], inReplyToId: number | null = null): StatusRow {
      const parent = inReplyToId === null ? undefined : (db.prepare("select thread_id from statuses where id = ?").get(inReplyToId) as { thread_id: number } | undefined);
      const info = db.prepare("insert into statuses (author_id, text, visibility, mentions, in_reply_to_id, created_at) values (?, ?, ?, ?, ?, ?)")
        .run(authorId, text, visibility, mentions.join(","), inReplyToId, now());
      const id = Number(info.lastInsertRowid);
      db.prepare("update statuses set thread_id = ? where id = ?").run(parent?.thread_id ?? id, id);
      return db.prepare("select * from statuses where id = ?").get(id) as StatusRow;
    },
    relate(kind: "follow" | "block" | "mute", fromId: number, toId: number): void {
      db.prepare("insert or ignore into follows (kind, from_id, to_id) values (?, ?, ?)").run(kind, fromId, toId);
    },
    setActive(userId: number, active: boolean): void {
      db.prepare("update users set is_active = ? where id = ?").run(active ? 1 : 0, userId);
      if (!active) db.prepare("delete from tokens where user_id = ?").run(userId);
    },
    setAdmin(nickname: string): void {
      db.prepare("update users set is_admin = 1 where nickname = ?").run(nickname);
    },
  };
}

export type ServerData = ReturnType<typeof serverData>;
