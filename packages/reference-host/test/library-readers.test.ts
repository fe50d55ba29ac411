import { createMemoryHostData } from "../src/storage/memory/index.js";
import { describe, expect, it } from "vitest";
import { createReferenceHost, type LibraryReaders } from "../src/index.js";
import { FAST_PASSWORDS, testClock } from "./support.js";

/** A host whose library readers are given up front, and two users. */
async function hostWith(readers: Partial<LibraryReaders>) {
  const host = createReferenceHost(createMemoryHostData(), {
    baseUrl: "https://local.example",
    clock: testClock(),
    passwordParams: FAST_PASSWORDS,
    libraryReaders: readers,
  });
  const alice = await host.users.register({ nickname: "alice", password: "alice-pw" });
  const bob = await host.users.register({ nickname: "bob", password: "bob-pw" });
  return { host, alice, bob };
}

describe("library readers passed as options", () => {
  it("notification settings given at construction are honoured, and switching them takes effect", async () => {
    const { host, alice, bob } = await hostWith({ notificationSettings: async () => ({ blockFromStrangers: true }) });
    await host.statuses.post({ authorId: bob.id, content: "hi @alice", visibility: "public" });
    expect((await host.notifications.list(alice.id, { limit: 20 })).rows).toHaveLength(0);

    host.useNotificationSettings(async () => ({ blockFromStrangers: false }));
    await host.statuses.post({ authorId: bob.id, content: "again @alice", visibility: "public" });
    expect((await host.notifications.list(alice.id, { limit: 20 })).rows.map((r) => r.type)).toEqual(["mention"]);
  });

  it("the status renderer given at construction renders embedded statuses; core's port keeps the host's own", async () => {
    const seen: string[][] = [];
    const { host, alice, bob } = await hostWith({
      renderStatuses: async (ids) => {
        seen.push([...ids]);
        return new Map(ids.map((id) => [id, { id, marker: "from-reader" }]));
      },
    });
    const post = await host.statuses.post({ authorId: bob.id, content: "hi @alice", visibility: "public" });
    const { entities } = await host.notifications.list(alice.id, { limit: 20 });
    expect(entities[0]!.status).toEqual({ id: post.id, marker: "from-reader" });
    expect(seen).toEqual([[post.id]]);
    // core's renderer calls ports.statuses.render and adds its fields: it must stay the host's own.
    const own = await host.ports.statuses.render([post.id], alice.id);
    expect(own.get(post.id)?.marker).toBeUndefined();
    expect(own.get(post.id)?.id).toBe(post.id);
  });
});
