/** Issue 15 item 13: PATCH of a conversation drops recipients who block the owner. */
import { describe, expect, it } from "vitest";
import { createFakeWorld } from "./support/fake-world.js";

describe("PATCH /api/v1/pleroma/conversations/:id and blocks", () => {
  it("drops a recipient who blocks the owner, keeping the others", async () => {
    const w = createFakeWorld();
    const alice = w.user("alice");
    const bob = w.user("bob");
    const dave = w.user("dave");
    const erin = w.user("erin");
    const dm = await w.post(alice.id, { visibility: "direct", mentions: [bob.id] });
    const id = (await w.store.conversations.participationByContext(alice.id, dm.context))!.id;
    w.blocks.add(w.pair(dave.id, alice.id));
    const res = await w.call("PATCH", `/api/v1/pleroma/conversations/${id}?recipients[]=${dave.id}&recipients[]=${erin.id}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.json.pleroma.recipients.map((a: any) => a.id).sort()).toEqual([alice.id, erin.id].sort());
  });
});
