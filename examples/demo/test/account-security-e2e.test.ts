/**
 * The account-security endpoints over real HTTP on every framework binding: the body formats the
 * front ends send, Akkoma's answers (including 200 with {"error"} for wrong passwords), attempt
 * limits, and that a failed check changes nothing.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { client, describeStore, frameworks, startServer, stores, unique } from "./support.js";

const PASSWORD = "correct horse battery staple";

for (const framework of frameworks) {
  describeStore(stores[0]!, `account security over HTTP: ${framework}`, () => {
    let ctx: Awaited<ReturnType<typeof startServer>>;
    let call: ReturnType<typeof client>;

    beforeAll(async () => {
      ctx = await startServer(framework, stores[0]!);
      call = client(ctx.server);
    });
    afterAll(async () => ctx?.stop());

    async function account(nickname = unique("u")) {
      const host = ctx.server.host;
      const user = await host.users.register({ nickname, email: `${nickname}@example.com`, password: PASSWORD });
      const app = await host.apps.create({ name: "e2e", scopes: ["read", "write", "follow"] });
      return { id: user.id, nickname, token: await host.tokens.issue(user.id, app.id, ["read", "write", "follow"]) };
    }
    const multipart = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      return f;
    };
    const urlencoded = (token: string, method: string, path: string, body: string) =>
      fetch(`${ctx.server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
        body,
      }).then(async (r) => ({ status: r.status, body: await r.json() }));

    it("updates notification settings from the query, JSON, multipart and urlencoded bodies", async () => {
      const a = await account();
      const ok = { status: 200, body: { status: "success" } };
      expect(await call("PUT", "/api/pleroma/notification_settings?block_from_strangers=true", { token: a.token })).toMatchObject(ok);
      expect(await call("PUT", "/api/pleroma/notification_settings", { token: a.token, json: { hide_notification_contents: true } })).toMatchObject(ok);
      expect(await call("PUT", "/api/pleroma/notification_settings", { token: a.token, form: multipart({ block_from_strangers: "false" }) })).toMatchObject(ok);
      expect(await urlencoded(a.token, "PUT", "/api/pleroma/notification_settings", "hide_notification_contents=false")).toMatchObject(ok);
      expect(await call("PUT", "/api/pleroma/notification_settings", { token: a.token, json: { block_from_strangers: "yes" } })).toMatchObject({
        status: 400,
        body: { error: "block_from_strangers - Invalid boolean. Got: string." },
      });
    });

    it("changes the email only with the right password, with Akkoma's answers", async () => {
      const a = await account();
      const change = (body: Record<string, string>) => call("POST", "/api/pleroma/change_email", { token: a.token, form: multipart(body) });
      expect(await change({ email: "new@example.com", password: "wrong" })).toMatchObject({ status: 200, body: { error: "Invalid password." } });
      expect(await change({ password: PASSWORD })).toMatchObject({ status: 400, body: { error: "Missing field: email." } });
      expect(await change({ email: "new@example.com", password: PASSWORD })).toMatchObject({ status: 200, body: { status: "success" } });
      expect((await ctx.server.host.data.users.byId(a.id))?.email).toBe("new@example.com");
    });

    it("adds, lists and removes aliases (akkoma-fe sends JSON on DELETE)", async () => {
      const a = await account();
      const b = await account();
      expect(await call("PUT", "/api/pleroma/aliases", { token: a.token, json: { alias: b.nickname } })).toMatchObject({ status: 200, body: { status: "success" } });
      const listed = await call("GET", "/api/pleroma/aliases", { token: a.token });
      expect(listed.body.aliases).toEqual([`${b.nickname}@${new URL(ctx.server.url).host}`]);
      expect(await call("DELETE", "/api/pleroma/aliases", { token: a.token, json: { alias: b.nickname } })).toMatchObject({ status: 200, body: { status: "success" } });
      expect(await call("DELETE", "/api/pleroma/aliases", { token: a.token, json: { alias: b.nickname } })).toMatchObject({
        status: 404,
        body: { error: "Account has no such alias." },
      });
    });

    it("moves an account to a target that lists it as an alias", async () => {
      const origin = await account();
      const target = await account();
      const move = () => call("POST", "/api/pleroma/move_account", { token: origin.token, json: { password: PASSWORD, target_account: target.nickname } });
      expect((await move()).body).toEqual({ error: expect.any(String) });
      await call("PUT", "/api/pleroma/aliases", { token: target.token, json: { alias: origin.nickname } });
      expect(await move()).toMatchObject({ status: 200, body: { status: "success" } });
      expect(ctx.server.host.published.some((a) => a.type === "Move" && a.actorId === origin.id)).toBe(true);
    });

    it("limits wrong passwords per account: 429, and then even the right password changes nothing", async () => {
      const a = await account();
      for (let i = 0; i < 10; i++) {
        expect((await call("POST", "/api/pleroma/disable_account?password=wrong", { token: a.token })).body).toEqual({ error: "Invalid password." });
      }
      expect(await call("POST", `/api/pleroma/disable_account?password=${encodeURIComponent(PASSWORD)}`, { token: a.token })).toMatchObject({
        status: 429,
        body: { error: "Throttled" },
      });
      expect((await ctx.server.host.data.users.byId(a.id))?.isActive).toBe(true);
    });

    it("disables and deletes accounts with the password; their tokens stop working", async () => {
      const a = await account();
      const b = await account();
      expect(await call("POST", `/api/pleroma/disable_account?password=${encodeURIComponent(PASSWORD)}`, { token: a.token })).toMatchObject({
        status: 200,
        body: { status: "success" },
      });
      expect(await call("POST", "/api/pleroma/delete_account", { token: b.token, form: multipart({ password: PASSWORD }) })).toMatchObject({
        status: 200,
        body: { status: "success" },
      });
      for (const t of [a.token, b.token]) {
        expect(await call("GET", "/api/pleroma/aliases", { token: t })).toMatchObject({ status: 403, body: { error: "Invalid credentials." } });
      }
    });

    it("serves a captcha and answers confirmation_resend with 204", async () => {
      const captcha = await call("GET", "/api/v1/pleroma/captcha");
      expect(captcha).toMatchObject({ status: 200, body: { type: expect.any(String), token: expect.any(String) } });
      const resend = await fetch(`${ctx.server.url}/api/v1/pleroma/accounts/confirmation_resend?email=nobody@example.com`, { method: "POST" });
      expect(resend.status).toBe(204);
    });
  });
}
