/**
 * Issue 6's scenario against the demo server over real HTTP, on every framework: three users hold
 * a direct conversation, one edits the recipients, a reply by in_reply_to_conversation_id reaches
 * exactly the new set, and a fourth user gets 404 on every conversation endpoint for it.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { client, describeStore, frameworks, quickUser, startServer, stores, unique } from "./support.js";

for (const framework of frameworks) {
  describeStore(stores[1]!, `conversations over HTTP: ${framework} on SQLite`, () => {
    let ctx: Awaited<ReturnType<typeof startServer>>;
    let call: ReturnType<typeof client>;
    beforeAll(async () => {
      ctx = await startServer(framework, stores[1]!);
      call = client(ctx.server);
    });
    afterAll(async () => ctx?.stop());

    it("edits recipients, addresses a conversation reply to exactly the new set, and hides it from outsiders", async () => {
      const [alice, bob, carol, dave] = await Promise.all(["alice", "bob", "carol", "dave"].map((n) => quickUser(ctx.server, unique(n))));
      const post = async (who: { token: string }, json: Record<string, unknown>) => {
        const res = await call("POST", "/api/v1/statuses", { token: who.token, json });
        expect(res.status).toBe(200);
        return res.body as { id: string; visibility: string };
      };
      const conversations = async (who: { token: string }) => (await call("GET", "/api/v1/conversations", { token: who.token })).body as any[];

      const dm = await post(alice!, { status: `@${bob!.nickname} @${carol!.nickname} secret plans`, visibility: "direct" });
      const [aliceConv] = await conversations(alice!);
      const [bobConv] = await conversations(bob!);
      const [carolConv] = await conversations(carol!);
      expect(aliceConv.last_status.id).toBe(dm.id);
      expect(bobConv.unread).toBe(true);
      expect(aliceConv.accounts.map((a: any) => a.id).sort()).toEqual([bob!.id, carol!.id].sort());
      expect(await conversations(dave!)).toEqual([]);

      // Alice drops carol; recipients come from the query string, as Akkoma reads them.
      const patched = await call("PATCH", `/api/v1/pleroma/conversations/${aliceConv.id}?recipients[]=${bob!.id}`, { token: alice!.token });
      expect(patched.status).toBe(200);
      expect(patched.body.accounts.map((a: any) => a.id)).toEqual([bob!.id]);
      expect(patched.body.pleroma.recipients.map((a: any) => a.id).sort()).toEqual([alice!.id, bob!.id].sort());

      // A reply through the conversation that mentions carol and dave still reaches only bob.
      const reply = await post(alice!, {
        status: `@${carol!.nickname} @${dave!.nickname} just us now`,
        visibility: "public",
        in_reply_to_conversation_id: aliceConv.id,
      });
      expect(reply.visibility).toBe("direct");
      expect((await call("GET", `/api/v1/statuses/${reply.id}`, { token: bob!.token })).status).toBe(200);
      for (const outsider of [carol!, dave!]) {
        expect((await call("GET", `/api/v1/statuses/${reply.id}`, { token: outsider.token })).status).toBe(404);
      }
      const thread = async (who: { token: string }, id: string) =>
        ((await call("GET", `/api/v1/pleroma/conversations/${id}/statuses`, { token: who.token })).body as any[]).map((s) => s.id);
      expect(await thread(bob!, bobConv.id)).toEqual([dm.id, reply.id]);
      expect(await thread(carol!, carolConv.id)).toEqual([dm.id]);

      // Dave: 404 on every conversation endpoint for every participant's id; he cannot post into it.
      for (const id of [aliceConv.id, bobConv.id, carolConv.id]) {
        for (const [method, path] of [
          ["GET", `/api/v1/pleroma/conversations/${id}`],
          ["GET", `/api/v1/pleroma/conversations/${id}/statuses`],
          ["PATCH", `/api/v1/pleroma/conversations/${id}?recipients[]=${dave!.id}`],
        ] as const) {
          expect((await call(method, path, { token: dave!.token })).status).toBe(404);
        }
        const intrusion = await call("POST", "/api/v1/statuses", { token: dave!.token, json: { status: "let me in", in_reply_to_conversation_id: id } });
        expect(intrusion.status).toBe(404);
      }
      expect((await call("POST", "/api/v1/pleroma/conversations/read", { token: dave!.token })).body).toEqual([]);
      const read = await call("POST", "/api/v1/pleroma/conversations/read", { token: bob!.token });
      expect(read.body.map((c: any) => [c.id, c.unread])).toEqual([[bobConv.id, false]]);
    }, 30_000);
  });
}
