/** The fake host passes the host-port contract, and serves the kit in a unit test as documented. */
import { createPleromaKit, silentLogger } from "@pleroma-kit/core";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { describe, expect, it } from "vitest";
import { createFakeHost, runHostPortContract } from "../src/index.js";

runHostPortContract({ name: "createFakeHost", makeHost: () => createFakeHost() });

describe("createFakeHost under a kit", () => {
  it("serves a reaction: the status comes back with it, the author is notified, an EmojiReact is published", async () => {
    const host = createFakeHost();
    const kit = createPleromaKit({ baseUrl: "https://test.example", store: createMemoryStore(), host: host.ports, logger: silentLogger });
    const alice = await host.addAccount("alice");
    const bob = await host.addAccount("bob");
    const token = await host.issueToken(bob, ["read", "write"]);
    const status = await host.addStatus(alice, { visibility: "public", text: "hi" });
    const res = await kit.fetch(
      new Request(`https://test.example/api/v1/pleroma/statuses/${status}/reactions/${encodeURIComponent("👍")}`, { method: "PUT", headers: { authorization: `Bearer ${token}` } }),
    );
    expect(res?.status).toBe(200);
    expect((await res!.json()).pleroma.emoji_reactions).toEqual([{ name: "👍", count: 1, me: true, url: null, account_ids: [bob] }]);
    expect(host.notifications).toEqual([expect.objectContaining({ type: "pleroma:emoji_reaction", recipientId: alice, actorId: bob })]);
    expect(host.published.map((a) => a.type)).toEqual(["EmojiReact"]);
  });
});
