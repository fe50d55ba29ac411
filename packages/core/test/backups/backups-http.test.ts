import { describe, expect, it } from "vitest";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { inProcessJobs, memoryFileStore, silentLogger, type BackupStore, type FileStore, type JobQueue } from "../../src/index.js";
import { backupKit, DAY, makeUser, pathOf, readArchive } from "./fixture.js";

const LIST = "/api/v1/pleroma/backups";

async function bytesOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

describe("backups over HTTP", () => {
  it("creates a backup, runs the job, lists it processed, mails the link and serves an archive of the user's data", async () => {
    const user = makeUser(5);
    const { call, jobs, mailer } = backupKit({ users: [user] });

    const created = await call("POST", LIST, user.id);
    expect(created.status).toBe(200);
    const [entry, ...rest] = (await created.json()) as Array<Record<string, unknown>>;
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ content_type: "application/zip", file_size: 0, processed: false });
    // The in-process runner may already have picked the job up.
    expect(["pending", "running"]).toContain(entry!.state);
    expect(typeof entry!.id).toBe("number");
    expect(entry!.inserted_at).toBe("2026-03-01T10:00:00.000Z");
    expect(entry!.url).toMatch(
      new RegExp(`^https://social\\.example/api/v1/pleroma/backups/download/archive-${user.nickname}-20260301T100000-[A-Za-z0-9_-]{43}\\.zip$`),
    );

    await (jobs as ReturnType<typeof inProcessJobs>).drain();
    const listed = (await (await call("GET", LIST, user.id)).json()) as Array<Record<string, unknown>>;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: entry!.id, processed: true, state: "done", url: entry!.url });
    // 5 statuses, 2 likes, 4 bookmarks, 2 follows, 1 block: every item the job wrote.
    expect(listed[0]!.processed_number).toBe(14);
    expect(listed[0]!.file_size).toBeGreaterThan(0);

    expect(mailer.sent).toEqual([{ to: user.email, subject: "Your account archive is ready", text: expect.stringContaining(String(entry!.url)) }]);

    const download = await call("GET", pathOf(String(entry!.url)));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/zip");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="${String(entry!.url).split("/").pop()}"`);
    const bytes = await bytesOf(download);
    expect(bytes.byteLength).toBe(listed[0]!.file_size);

    const files = readArchive(bytes);
    expect(Object.keys(files).sort()).toEqual(["actor.json", "blocks.txt", "bookmarks.json", "following.txt", "likes.json", "mutes.txt", "outbox.json"]);
    const actor = JSON.parse(files["actor.json"]!);
    expect(actor).toMatchObject({ type: "Person", preferredUsername: user.nickname, likes: "likes.json", bookmarks: "bookmarks.json" });
    const outbox = JSON.parse(files["outbox.json"]!);
    expect(outbox).toEqual({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: "outbox.json",
      type: "OrderedCollection",
      orderedItems: user.outbox,
      totalItems: 5,
    });
    expect(JSON.parse(files["likes.json"]!)).toMatchObject({ id: "likes.json", orderedItems: user.likes, totalItems: user.likes.length });
    expect(JSON.parse(files["bookmarks.json"]!)).toMatchObject({ orderedItems: user.bookmarks, totalItems: user.bookmarks.length });
    expect(files["following.txt"]).toBe(user.following.map((a) => `${a}\n`).join(""));
    expect(files["blocks.txt"]).toBe(user.blocks.map((a) => `${a}\n`).join(""));
    expect(files["mutes.txt"]).toBe("");
  });

  it("serves both prefixes", async () => {
    const user = makeUser();
    const { call } = backupKit({ users: [user] });
    expect((await call("POST", "/api/pleroma/backups", user.id)).status).toBe(200);
    expect(await (await call("GET", "/api/pleroma/backups", user.id)).json()).toHaveLength(1);
  });

  it("needs a user token with read:backups (or read) on both endpoints", async () => {
    const [a, b, c] = [makeUser(), makeUser(), makeUser()];
    const { call } = backupKit({ users: [a, b, c], scopes: { [a.id]: ["write"], [b.id]: ["read"] } });
    for (const method of ["GET", "POST"]) {
      const anonymous = await call(method, LIST);
      expect(anonymous.status).toBe(403);
      expect(await anonymous.json()).toEqual({ error: "Invalid credentials." });
      const wrongScope = await call(method, LIST, a.id);
      expect(wrongScope.status).toBe(403);
      expect(await wrongScope.json()).toEqual({ error: "Insufficient permissions: read:backups." });
    }
    expect((await call("POST", LIST, b.id)).status).toBe(200);
    expect((await call("POST", LIST, c.id)).status).toBe(200);
  });

  it("lists only the caller's own backups", async () => {
    const [a, b] = [makeUser(), makeUser()];
    const { call, jobs } = backupKit({ users: [a, b] });
    await call("POST", LIST, a.id);
    await (jobs as ReturnType<typeof inProcessJobs>).drain();
    expect(await (await call("GET", LIST, b.id)).json()).toEqual([]);
    const created = (await (await call("POST", LIST, b.id)).json()) as Array<{ url: string }>;
    expect(created).toHaveLength(1);
    const own = (await (await call("GET", LIST, a.id)).json()) as Array<{ url: string }>;
    expect(own.map((e) => e.url)).not.toContain(created[0]!.url);
  });

  it("refuses a second backup inside the period with Akkoma's text, and allows it after limit_days + 1 whole days", async () => {
    const user = makeUser();
    const { call, clock, jobs } = backupKit({ users: [user] });
    expect((await call("POST", LIST, user.id)).status).toBe(200);
    await (jobs as ReturnType<typeof inProcessJobs>).drain();
    const again = await call("POST", LIST, user.id);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: "Last export was less than 7 days ago" });
    clock.advance(8 * DAY - 1000);
    expect((await call("POST", LIST, user.id)).status).toBe(400);
    clock.advance(1000);
    expect((await call("POST", LIST, user.id)).status).toBe(200);
  });

  it("words the one-day limit as Akkoma does", async () => {
    const user = makeUser();
    const { call } = backupKit({ users: [user], backups: { limitDays: 1 } });
    await call("POST", LIST, user.id);
    expect(await (await call("POST", LIST, user.id)).json()).toEqual({ error: "Last export was less than a day ago" });
  });

  it("lets exactly one of 20 concurrent POSTs create a backup", async () => {
    const user = makeUser();
    const { call, jobs, files } = backupKit({ users: [user] });
    const responses = await Promise.all(Array.from({ length: 20 }, () => call("POST", LIST, user.id)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 400)).toHaveLength(19);
    await (jobs as ReturnType<typeof inProcessJobs>).drain();
    expect(await (await call("GET", LIST, user.id)).json()).toHaveLength(1);
    expect(await files.list("backups")).toHaveLength(1);
  });

  it("keeps only the newest backup once it is done; the old URL stops working", async () => {
    const user = makeUser();
    const { call, clock, jobs, files } = backupKit({ users: [user] });
    const drain = () => (jobs as ReturnType<typeof inProcessJobs>).drain();
    const [first] = (await (await call("POST", LIST, user.id)).json()) as Array<{ id: number; url: string }>;
    await drain();
    clock.advance(9 * DAY);
    const both = (await (await call("POST", LIST, user.id)).json()) as Array<{ id: number; url: string }>;
    expect(both.map((e) => e.id)).toEqual([both[0]!.id, first!.id]);
    await drain();
    const listed = (await (await call("GET", LIST, user.id)).json()) as Array<{ id: number; url: string }>;
    expect(listed.map((e) => e.id)).toEqual([both[0]!.id]);
    expect(await files.list("backups")).toEqual([`backups/${listed[0]!.url.split("/").pop()}`]);
    expect((await call("GET", pathOf(first!.url))).status).toBe(404);
    expect((await call("GET", pathOf(listed[0]!.url))).status).toBe(200);
  });

  it("expires an archive after purge_after_days: gone from the list, not downloadable, file purged", async () => {
    const [user, other] = [makeUser(), makeUser()];
    const { call, clock, jobs, files, kit } = backupKit({ users: [user, other], backups: { purgeAfterDays: 2, limitDays: 1 } });
    const drain = () => (jobs as ReturnType<typeof inProcessJobs>).drain();
    const [entry] = (await (await call("POST", LIST, user.id)).json()) as Array<{ url: string }>;
    await drain();
    clock.advance(2 * DAY);
    expect(await (await call("GET", LIST, user.id)).json()).toEqual([]);
    expect((await call("GET", pathOf(entry!.url))).status).toBe(404);
    // Another user's finished backup runs the purge.
    await call("POST", LIST, other.id);
    await drain();
    expect(await files.list("backups")).toHaveLength(1);
    expect(await kit.services.backups.purgeExpired().unwrapOr(-1)).toBe(0);
  });

  it("gives every archive its own 256-bit random name", async () => {
    const users = [makeUser(), makeUser(), makeUser()];
    const { call } = backupKit({ users });
    const urls = await Promise.all(users.map(async (u) => ((await (await call("POST", LIST, u.id)).json()) as Array<{ url: string }>)[0]!.url));
    const randoms = urls.map((url) => /-([A-Za-z0-9_-]{43})\.zip$/.exec(url)![1]!);
    expect(new Set(randoms).size).toBe(3);
    for (const r of randoms) expect(Buffer.from(r, "base64url")).toHaveLength(32);
  });

  it("answers 404 for unknown, malformed, traversing and unfinished archive names", async () => {
    const user = makeUser();
    const { call } = backupKit({ users: [user], jobs: idleJobs() });
    const [entry] = (await (await call("POST", LIST, user.id)).json()) as Array<{ url: string }>;
    const unknown = String(entry!.url).replace(/-[A-Za-z0-9_-]{43}\.zip$/, `-${"A".repeat(43)}.zip`);
    for (const path of [pathOf(entry!.url), pathOf(unknown), `${LIST}/download/..%2F..%2Fetc%2Fpasswd`, `${LIST}/download/archive.zip`]) {
      const response = await call("GET", path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ error: "Not found" });
    }
    // A NUL is refused at the edge, before any route looks at the name (issue 15).
    expect((await call("GET", `${LIST}/download/%00`)).status).toBe(400);
  });

  it("uses the file store's public URL when it has one", async () => {
    const user = makeUser();
    const { call } = backupKit({ users: [user], files: memoryFileStore({ publicBaseUrl: "https://media.example/files" }) });
    const [entry] = (await (await call("POST", LIST, user.id)).json()) as Array<{ url: string }>;
    expect(entry!.url).toMatch(/^https:\/\/media\.example\/files\/backups\/archive-.+\.zip$/);
  });

  it("stops reading the archive when the client aborts the download", async () => {
    const user = makeUser();
    const base = memoryFileStore();
    let pulled = 0;
    let cancelled = false;
    const files: FileStore = {
      ...base,
      async read(key) {
        if (!(await base.stat(key))) return null;
        return new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            controller.enqueue(new Uint8Array(1024));
          },
          cancel() {
            cancelled = true;
          },
        }, { highWaterMark: 0 });
      },
    };
    const { call, jobs, kit } = backupKit({ users: [user], files });
    const [entry] = (await (await call("POST", LIST, user.id)).json()) as Array<{ url: string }>;
    await (jobs as ReturnType<typeof inProcessJobs>).drain();
    const controller = new AbortController();
    const response = (await kit.fetch(new Request(`http://x${pathOf(entry!.url)}`, { signal: controller.signal })))!;
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    controller.abort();
    await new Promise((r) => setTimeout(r, 10));
    expect(cancelled).toBe(true);
    const after = pulled;
    await new Promise((r) => setTimeout(r, 10));
    expect(pulled).toBe(after);
  });

  it("answers Akkoma's 'Not implemented' when the host has no backup source", async () => {
    const user = makeUser();
    const { call } = backupKit({ users: [user], source: null });
    for (const method of ["GET", "POST"]) {
      const response = await call(method, LIST, user.id);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "Not implemented" });
    }
  });

  it("answers 'Not implemented' when the store has no backup port", async () => {
    const user = makeUser();
    const { backups: _none, ...store } = createMemoryStore();
    const { call } = backupKit({ users: [user], store });
    const response = await call("POST", LIST, user.id);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Not implemented" });
  });
});

describe("backup failures leave the row failed, no file, and the quota unused", () => {
  async function expectCleanFailure(ctx: ReturnType<typeof backupKit>, userId: string) {
    await (ctx.jobs as ReturnType<typeof inProcessJobs>).drain?.();
    const listed = (await (await ctx.call("GET", LIST, userId)).json()) as Array<{ state: string; processed: boolean }>;
    expect(listed.map((e) => [e.state, e.processed])).toEqual([["failed", false]]);
    expect(await ctx.files.list("backups")).toEqual([]);
    expect(ctx.mailer.sent).toEqual([]);
    const again = await ctx.call("POST", LIST, userId);
    expect(again.status).toBe(200);
  }

  it("when the store fails while completing the backup", async () => {
    const user = makeUser();
    const store = createMemoryStore();
    const backups: BackupStore = { ...store.backups!, complete: async () => Promise.reject(new Error("database went away")) };
    const ctx = backupKit({ users: [user], store: { ...store, backups } });
    await ctx.call("POST", LIST, user.id);
    await expectCleanFailure(ctx, user.id);
  });

  it("when the store fails while starting the job", async () => {
    const user = makeUser();
    const store = createMemoryStore();
    const backups: BackupStore = { ...store.backups!, start: async () => Promise.reject(new Error("database went away")) };
    const ctx = backupKit({ users: [user], store: { ...store, backups } });
    await ctx.call("POST", LIST, user.id);
    await expectCleanFailure(ctx, user.id);
  });

  it("when the file store fails mid-write", async () => {
    const user = makeUser(50);
    const base = memoryFileStore();
    let chunks = 0;
    const files: FileStore = {
      ...base,
      async write(key, body, options) {
        // Like a disk that fills up: part of the archive lands, then the write fails.
        const partial: Uint8Array[] = [];
        for await (const chunk of body as AsyncIterable<Uint8Array>) {
          partial.push(chunk);
          if (++chunks === 3) {
            await base.write(`${key}.partial`, partial[0]!);
            throw new Error("disk full");
          }
        }
        return base.write(key, new Uint8Array(0), options);
      },
      async delete(key) {
        // A real store removes its temp files with the key; the fake's partial file stands in for one.
        const a = await base.delete(`${key}.partial`);
        const b = await base.delete(key);
        return a || b;
      },
    };
    const ctx = backupKit({ users: [user], files, backups: { pageSize: 1 } });
    await ctx.call("POST", LIST, user.id);
    await expectCleanFailure(ctx, user.id);
    expect(chunks).toBeGreaterThanOrEqual(3);
  });

  it("when the host's source fails mid-archive", async () => {
    const user = makeUser(20);
    const broken = backupKit({
      users: [user],
      backups: { pageSize: 2 },
      source: {
        actor: async () => ({ type: "Person" }),
        async *outbox() {
          yield [{ type: "Create" }];
          throw new Error("host database went away");
        },
        likes: async function* () {},
        bookmarks: async function* () {},
        relations: async function* () {},
      },
    });
    await broken.call("POST", LIST, user.id);
    await expectCleanFailure(broken, user.id);
  });

  it("when the job is aborted (the process stopping) mid-archive", async () => {
    const user = makeUser(30);
    const jobs = inProcessJobs({ logger: silentLogger });
    let abort: (() => void) | null = null;
    const abortableJobs: JobQueue & { drain(): Promise<void> } = {
      ...jobs,
      register(type, handler) {
        jobs.register(type, (payload, context) => {
          const controller = new AbortController();
          abort = () => controller.abort(new Error("shutting down"));
          return handler(payload, { ...context, signal: AbortSignal.any([context.signal, controller.signal]) });
        });
      },
      drain: () => jobs.drain(),
    };
    let pages = 0;
    const ctx = backupKit({
      users: [user],
      jobs: abortableJobs,
      source: {
        actor: async () => ({ type: "Person" }),
        async *outbox(_id, options) {
          for (const item of user.outbox) {
            if (++pages === 5) abort!();
            yield [item];
          }
          options.signal?.throwIfAborted();
        },
        likes: async function* () {},
        bookmarks: async function* () {},
        relations: async function* () {},
      },
    });
    await ctx.call("POST", LIST, user.id);
    await expectCleanFailure(ctx, user.id);
    expect(pages).toBeLessThan(user.outbox.length);
  });

  it("when the job cannot be queued: 500 without details, and the quota is not used", async () => {
    const user = makeUser();
    const jobs = inProcessJobs({ logger: silentLogger });
    let refuse = true;
    const flaky: JobQueue = {
      ...jobs,
      enqueue: (type, payload) => (refuse ? Promise.reject(new Error("queue down at 10.0.0.5")) : jobs.enqueue(type, payload)),
    };
    const ctx = backupKit({ users: [user], jobs: flaky });
    const response = await ctx.call("POST", LIST, user.id);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("10.0.0.5");
    refuse = false;
    expect((await ctx.call("POST", LIST, user.id)).status).toBe(200);
  });

  it("a backup whose process died stops counting once past the job timeout", async () => {
    const user = makeUser();
    const ctx = backupKit({ users: [user], jobs: idleJobs(), backups: { timeoutMs: 60_000 } });
    expect((await ctx.call("POST", LIST, user.id)).status).toBe(200);
    ctx.clock.advance(60_000);
    expect((await ctx.call("POST", LIST, user.id)).status).toBe(400);
    ctx.clock.advance(61_000);
    const again = (await (await ctx.call("POST", LIST, user.id)).json()) as Array<{ state: string }>;
    expect(again.map((e) => e.state)).toEqual(["pending", "failed"]);
  });
});

/** A queue that accepts jobs and never runs them: a process that died after enqueueing. */
function idleJobs(): JobQueue {
  return { register() {}, enqueue: async () => "never", stats: async () => ({}) };
}
