import type { BackupPageOptions } from "@pleroma-kit/core";
import { describe, expect, it } from "vitest";
import { createBackupSource } from "../src/backup-source.js";
import type { HostData, PageQuery, StatusRow, UserRow } from "../src/host-data.js";

/** Mastodon paging as HostData documents it: with minId, the rows just above it. */
function page<T>(rows: T[], idOf: (r: T) => string, q: PageQuery): T[] {
  const sorted = [...rows].sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1));
  if (q.minId !== undefined) return sorted.filter((r) => idOf(r) > q.minId!).slice(0, q.limit).reverse();
  return sorted.reverse().slice(0, q.limit);
}

const user = (id: string, nickname: string, domain: string | null = null): UserRow => ({
  id,
  nickname,
  domain,
  email: null,
  passwordHash: "",
  displayName: `${nickname} name`,
  note: "bio",
  isAdmin: false,
  isModerator: false,
  isActive: true,
  isConfirmed: true,
  isLocked: false,
  avatarUrl: null,
  headerUrl: null,
  hideFavorites: false,
  allowFollowingMove: true,
  createdAt: new Date(Date.UTC(2025, 0, 1)),
});

function fakeData() {
  const users = [user("u1", "alice"), user("u2", "bob"), user("u3", "carol", "remote.example"), user("u4", "dave@other.example", "other.example")];
  const statuses: StatusRow[] = Array.from({ length: 5 }, (_, i) => ({
    id: `s${i}`,
    authorId: "u1",
    content: `<p>post ${i}</p>`,
    spoilerText: "",
    visibility: i === 4 ? "direct" : "public",
    inReplyToId: i === 1 ? "s0" : null,
    contextId: i === 1 ? "s0" : `s${i}`,
    mentionIds: i === 4 ? ["u3"] : [],
    sensitive: false,
    createdAt: new Date(Date.UTC(2025, 1, i + 1)),
  }));
  statuses.push({ ...statuses[0]!, id: "x9", authorId: "u2" });
  const favourites = [
    { favouriteId: "f1", statusId: "x9", userId: "u1" },
    { favouriteId: "f2", statusId: "s3", userId: "u1" },
    { favouriteId: "f3", statusId: "s3", userId: "u2" },
  ];
  const relations: Record<string, string[]> = { "follow:u1": ["u2", "u3", "u4"], "block:u1": ["u3"] };
  const calls: PageQuery[] = [];
  const data = {
    users: {
      byId: async (id: string) => users.find((u) => u.id === id) ?? null,
      byIds: async (ids: readonly string[]) => users.filter((u) => ids.includes(u.id)),
    },
    statuses: {
      byAuthor: async (authorId: string, q: PageQuery) => {
        calls.push(q);
        return page(statuses.filter((s) => s.authorId === authorId), (s) => s.id, q);
      },
    },
    favourites: {
      byUser: async (userId: string, q: PageQuery) => page(favourites.filter((f) => f.userId === userId), (f) => f.favouriteId, q),
    },
    relations: { allFrom: async (kind: string, fromId: string) => relations[`${kind}:${fromId}`] ?? [] },
  } as unknown as HostData;
  return { data, calls };
}

async function all<T>(pages: AsyncIterable<readonly T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const p of pages) out.push([...p]);
  return out;
}

const opts: BackupPageOptions = { pageSize: 2 };

describe("reference host backup source", () => {
  it("renders the local user's actor, and nothing for unknown or remote users", async () => {
    const source = createBackupSource({ data: fakeData().data, baseUrl: "https://social.example" });
    expect(await source.actor("u1")).toMatchObject({
      id: "https://social.example/users/alice",
      type: "Person",
      preferredUsername: "alice",
      name: "alice name",
      inbox: "https://social.example/users/alice/inbox",
      outbox: "https://social.example/users/alice/outbox",
    });
    expect(await source.actor("nobody")).toBeNull();
    expect(await source.actor("u3")).toBeNull();
  });

  it("pages the outbox oldest first in bounded pages, as Create activities with addressing", async () => {
    const { data, calls } = fakeData();
    const source = createBackupSource({ data, baseUrl: "https://social.example" });
    const pages = await all(source.outbox("u1", opts));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(calls.every((q) => q.limit === 2)).toBe(true);
    const items = pages.flat() as Array<Record<string, any>>;
    expect(items.map((a) => a.object.id)).toEqual([0, 1, 2, 3, 4].map((i) => `https://social.example/objects/s${i}`));
    expect(items[0]).toMatchObject({
      id: "https://social.example/activities/s0",
      type: "Create",
      actor: "https://social.example/users/alice",
      to: ["https://www.w3.org/ns/activitystreams#Public"],
      cc: ["https://social.example/users/alice/followers"],
      object: { type: "Note", content: "<p>post 0</p>", attributedTo: "https://social.example/users/alice", url: "https://social.example/notice/s0" },
    });
    expect(items[0]).not.toHaveProperty("@context");
    expect(items[1]!.object.inReplyTo).toBe("https://social.example/objects/s0");
    expect(items[4]).toMatchObject({ to: ["https://remote.example/users/carol"], cc: [] });
  });

  it("lists likes oldest first as object ids; bookmarks are empty", async () => {
    const source = createBackupSource({ data: fakeData().data, baseUrl: "https://social.example" });
    expect((await all(source.likes("u1", opts))).flat()).toEqual(["https://social.example/objects/x9", "https://social.example/objects/s3"]);
    expect(await all(source.bookmarks("u1", opts))).toEqual([]);
  });

  it("lists follows, blocks and mutes as nick@domain", async () => {
    const source = createBackupSource({ data: fakeData().data, baseUrl: "https://social.example" });
    expect((await all(source.relations("u1", "following", opts))).flat()).toEqual(["bob@social.example", "carol@remote.example", "dave@other.example"]);
    expect((await all(source.relations("u1", "blocks", opts))).flat()).toEqual(["carol@remote.example"]);
    expect(await all(source.relations("u1", "mutes", opts))).toEqual([]);
  });

  it("stops when the job's signal is aborted", async () => {
    const source = createBackupSource({ data: fakeData().data, baseUrl: "https://social.example" });
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(all(source.outbox("u1", { pageSize: 2, signal: controller.signal }))).rejects.toThrow("stop");
  });
});
