/** Issue 15 item 12: no self-alias, no self-move, and concurrent moves of one account are serialised. */
import { describe, expect, it } from "vitest";
import { securityKit } from "./support/security-host.js";

describe("self-aliases and moves", () => {
  it("refuses aliasing one's own account (422), storing nothing", async () => {
    const t = securityKit();
    const res = await t.call("PUT", "/api/pleroma/aliases", { token: "user:u1", body: { alias: "alice" } });
    expect(res).toMatchObject({ status: 422, body: { error: "You cannot alias your own account." } });
    expect(await t.store.accountSettings.aliases("u1")).toEqual([]);
  });

  it("refuses a move to oneself (422), even when one's own aliases list oneself", async () => {
    const t = securityKit();
    await t.store.accountSettings.addAlias("u1", "u1");
    const res = await t.call("POST", "/api/pleroma/move_account", { token: "user:u1", body: { password: "secret", target_account: "alice" } });
    expect(res).toMatchObject({ status: 422, body: { error: "You cannot move to your own account." } });
    expect(t.published).toEqual([]);
  });

  it("of three concurrent moves to one target, one wins and the others get 409", async () => {
    const t = securityKit();
    await t.call("PUT", "/api/pleroma/aliases", { token: "user:u2", body: { alias: "alice" } });
    const move = () => t.call("POST", "/api/pleroma/move_account", { token: "user:u1", body: { password: "secret", target_account: "bob" } });
    const answers = await Promise.all([move(), move(), move()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error === "A move of this account is already in progress.")).toBe(true);
    expect(t.published).toHaveLength(1);
    // Once it is done, the account may move again (as in Akkoma).
    expect((await move()).status).toBe(200);
  });
});
