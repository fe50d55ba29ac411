import { describe, expect, it } from "vitest";
import { refKit } from "./kit-support.js";

describe("pleroma-fe's security tab and tokens", () => {
  it("changes the password after checking the current one, with the shared attempt limit", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const change = (body: Record<string, string>) => t.call("POST", "/api/pleroma/change_password", { token: alice.token, body });
    expect(await change({ password: "wrong", new_password: "n1", new_password_confirmation: "n1" })).toMatchObject({ status: 422, body: { error: "Invalid password." } });
    expect(await change({ password: "alice-pw", new_password: "n1", new_password_confirmation: "n2" })).toMatchObject({ status: 400, body: { error: "New password does not match confirmation." } });
    expect(await t.host.users.verifyLogin("alice", "alice-pw")).not.toBeNull();
    expect(await change({ password: "alice-pw", new_password: "n1", new_password_confirmation: "n1" })).toMatchObject({ status: 200, body: { status: "success" } });
    expect(await t.host.users.verifyLogin("alice", "alice-pw")).toBeNull();
    expect(await t.host.users.verifyLogin("alice", "n1")).not.toBeNull();
    // Wrong passwords count against the account: after the limit even the right one is refused.
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await change({ password: "wrong", new_password: "x", new_password_confirmation: "x" })).status;
    expect(last).toBe(429);
    expect((await change({ password: "n1", new_password: "n2", new_password_confirmation: "n2" })).status).toBe(429);
  });

  it("lists the caller's tokens and revokes one of them only", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const bob = await t.signUp("bob");
    const list = await t.call("GET", "/api/oauth_tokens.json", { token: alice.token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([{ id: expect.any(String), app_name: "test", valid_until: null }]);
    const id = list.body[0].id;
    expect((await t.call("DELETE", `/api/oauth_tokens/${id}`, { token: bob.token })).status).toBe(404);
    expect((await t.call("DELETE", `/api/oauth_tokens/${id}`, { token: alice.token })).status).toBe(200);
    expect((await t.call("GET", "/api/v1/accounts/verify_credentials", { token: alice.token })).status).toBe(403);
  });

  it("answers refresh_token and expires_in, and the refresh grant works once", async () => {
    const t = refKit();
    const alice = await t.signUp("alice");
    const grant = (body: Record<string, string>) =>
      t.call("POST", "/oauth/token", { form: { client_id: alice.app.client_id, client_secret: alice.app.client_secret, ...body } });
    const issued = await grant({ grant_type: "password", username: "alice", password: "alice-pw" });
    expect(issued.body).toMatchObject({ refresh_token: expect.any(String), expires_in: expect.any(Number) });
    const refreshed = await grant({ grant_type: "refresh_token", refresh_token: issued.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(issued.body.access_token);
    expect((await t.call("GET", "/api/v1/accounts/verify_credentials", { token: refreshed.body.access_token })).body.username).toBe("alice");
    expect((await t.call("GET", "/api/v1/accounts/verify_credentials", { token: issued.body.access_token })).status).toBe(403);
    expect((await grant({ grant_type: "refresh_token", refresh_token: issued.body.refresh_token })).status).toBe(400);
  });
});
