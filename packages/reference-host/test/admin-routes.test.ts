/** admin-fe's first pages on the reference host: `admin/users` (paging, filters) and `admin/reports`. */
import { describe, expect, it } from "vitest";
import { refKit } from "./kit-support.js";

async function withAdmin() {
  const t = refKit();
  const root = await t.signUp("root");
  await t.host.data.users.update(root.id, { isAdmin: true });
  for (const nick of ["bob", "alice", "carol"]) await t.signUp(nick);
  const bob = await t.host.data.users.byNickname("bob");
  await t.host.data.users.update(bob!.id, { isActive: false });
  const a = (await t.call("POST", "/api/v1/apps", { body: { client_name: "admin-fe", scopes: "read write admin" } })).body;
  const grant = await t.call("POST", "/oauth/token", {
    form: { grant_type: "password", client_id: a.client_id, client_secret: a.client_secret, username: "root", password: "root-pw", scope: "read admin" },
  });
  expect(grant.status).toBe(200);
  const user = await t.signUp("dave");
  return { ...t, admin: grant.body.access_token as string, userToken: user.token };
}

describe("GET /api/v1/pleroma/admin/users", () => {
  it("lists accounts by nickname with Akkoma's admin entity, count and page_size", async () => {
    const t = await withAdmin();
    const res = await t.call("GET", "/api/v1/pleroma/admin/users?page=1&page_size=2", { token: t.admin });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(5);
    expect(res.body.page_size).toBe(2);
    expect(res.body.users.map((u: { nickname: string }) => u.nickname)).toEqual(["alice", "bob"]);
    expect(res.body.users[0]).toMatchObject({
      nickname: "alice",
      email: "alice@mail.example",
      local: true,
      is_active: true,
      roles: { admin: false, moderator: false },
      tags: [],
      url: "https://local.example/users/alice",
      actor_type: "Person",
    });
    const next = await t.call("GET", "/api/pleroma/admin/users?page=2&page_size=2", { token: t.admin });
    expect(next.body.users.map((u: { nickname: string }) => u.nickname)).toEqual(["carol", "dave"]);
  });

  it("applies admin-fe's filters and query", async () => {
    const t = await withAdmin();
    const nicks = async (q: string) =>
      (await t.call("GET", `/api/v1/pleroma/admin/users?${q}`, { token: t.admin })).body.users.map((u: { nickname: string }) => u.nickname);
    expect(await nicks("filters=local,active")).toEqual(["alice", "carol", "dave", "root"]);
    expect(await nicks("filters=deactivated")).toEqual(["bob"]);
    expect(await nicks("filters=is_admin")).toEqual(["root"]);
    expect(await nicks("filters=external")).toEqual([]);
    expect(await nicks("filters=need_approval")).toEqual([]);
    expect(await nicks("query=AL&filters=")).toEqual(["alice"]);
    expect(await nicks("page=&page_size=")).toEqual(["alice", "bob", "carol", "dave", "root"]);
  });

  it("is for staff with admin:read:accounts", async () => {
    const t = await withAdmin();
    expect((await t.call("GET", "/api/v1/pleroma/admin/users")).status).toBe(403);
    expect((await t.call("GET", "/api/v1/pleroma/admin/users", { token: t.userToken })).status).toBe(403);
  });
});

describe("GET /api/v1/pleroma/admin/reports", () => {
  it("answers an empty list in Akkoma's shape, for staff only", async () => {
    const t = await withAdmin();
    expect(await t.call("GET", "/api/v1/pleroma/admin/reports?state=open", { token: t.admin })).toMatchObject({ status: 200, body: { totals: 0, reports: [] } });
    expect((await t.call("GET", "/api/v1/pleroma/admin/reports", { token: t.userToken })).status).toBe(403);
  });
});
