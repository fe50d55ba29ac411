/**
 * The existing server with pleroma-kit added, over real HTTP: reactions, a conversation and MFA on
 * the server's own accounts and tokens, then a restart on the same database file and files folder
 * after which a backup still downloads and an admin's emoji pack is still listed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type RunningServer } from "../src/server.js";

const dir = mkdtempSync(join(tmpdir(), "pk-existing-server-"));
const options = {
  port: 0,
  baseUrl: "http://server.example",
  databaseFile: join(dir, "server.sqlite"),
  filesDir: join(dir, "files"),
  passwordParams: { ln: 4, r: 8, p: 1 }, // cheap hashes: tests only
};
let server: RunningServer;

async function call(method: string, path: string, init: { token?: string; json?: unknown } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.json !== undefined ? { "content-type": "application/json" } : {}) },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const signUp = async (nickname: string) => (await call("POST", "/signup", { json: { nickname, password: `${nickname}-password` } })).body as { id: string; token: string };
const post = async (token: string, json: object) => (await call("POST", "/statuses", { token, json })).body.id as string;

beforeAll(async () => {
  server = await start(options);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("an existing Express server with pleroma-kit", { timeout: 20_000 }, () => {
  it("reacts to the server's own status with the server's own token", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const status = await post(alice.token, { text: "hello", visibility: "public" });
    const path = `/api/v1/pleroma/statuses/${status}/reactions/${encodeURIComponent("👍")}`;
    const put = await call("PUT", path, { token: bob.token });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: status, content: "hello", account: { id: alice.id } });
    expect(put.body.pleroma.emoji_reactions).toEqual([{ name: "👍", count: 1, me: true, url: null, account_ids: [bob.id] }]);
    const list = await call("GET", `/api/v1/pleroma/statuses/${status}/reactions`);
    expect(list.body).toEqual([expect.objectContaining({ name: "👍", count: 1, accounts: [expect.objectContaining({ id: bob.id, username: "bob" })] })]);
    const notified = server.db.prepare("select type, actor_id from notifications where user_id = ?").all(Number(alice.id));
    expect(notified).toEqual([{ type: "pleroma:emoji_reaction", actor_id: Number(bob.id) }]);
  });

  it("turns direct statuses into a conversation both participants see", async () => {
    const carol = await signUp("carol");
    const dave = await signUp("dave");
    const first = await post(carol.token, { text: "just us", visibility: "direct", mentions: [dave.id] });
    const reply = await post(dave.token, { text: "indeed", visibility: "direct", mentions: [carol.id], in_reply_to_id: first });
    const mine = await call("GET", "/api/v1/conversations", { token: carol.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0]).toMatchObject({ accounts: [expect.objectContaining({ id: dave.id })], last_status: { id: reply } });
    const theirs = await call("GET", `/api/v1/pleroma/conversations/${(await call("GET", "/api/v1/conversations", { token: dave.token })).body[0].id}/statuses`, { token: dave.token });
    expect(theirs.body.map((s: { id: string }) => s.id).sort()).toEqual([first, reply].sort());
  });

  it("sets up and confirms TOTP with the server's password check", async () => {
    const erin = await signUp("erin");
    const setup = await call("GET", "/api/pleroma/accounts/mfa/setup/totp", { token: erin.token });
    expect(setup.status).toBe(200);
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.body.key) }).generate();
    expect((await call("POST", "/api/pleroma/accounts/mfa/confirm/totp", { token: erin.token, json: { password: "wrong", code } })).status).toBe(422);
    expect(await call("POST", "/api/pleroma/accounts/mfa/confirm/totp", { token: erin.token, json: { password: "erin-password", code } })).toMatchObject({ status: 200, body: {} });
    expect((await call("GET", "/api/pleroma/accounts/mfa", { token: erin.token })).body).toEqual({ settings: { enabled: true, totp: true } });
  });

  it("keeps a backup downloadable and an admin's pack listed after a restart", async () => {
    await signUp("admin");
    server.db.prepare("update users set is_admin = 1 where nickname = 'admin'").run();
    const admin = (await call("POST", "/login", { json: { nickname: "admin", password: "admin-password" } })).body as { token: string };
    expect((await call("POST", "/api/v1/pleroma/emoji/pack?name=ours", { token: admin.token, json: {} })).status).toBe(200);
    const frank = await signUp("frank");
    await post(frank.token, { text: "in my backup", visibility: "public" });
    expect((await call("POST", "/api/v1/pleroma/backups", { token: frank.token, json: {} })).status).toBe(200);
    let backup: { processed: boolean; url: string; file_size: number } | undefined;
    for (let i = 0; i < 200 && !backup?.processed; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 25));
      backup = (await call("GET", "/api/v1/pleroma/backups", { token: frank.token })).body[0];
    }
    expect(backup?.processed).toBe(true);

    await server.close();
    server = await start(options);
    expect((await call("GET", "/api/v1/pleroma/emoji/packs?page_size=50")).body.packs).toHaveProperty("ours");
    const download = await fetch(`${server.url}${new URL(backup!.url).pathname}`);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBe(backup!.file_size);
    expect((await call("GET", "/api/v1/pleroma/backups", { token: frank.token })).body).toEqual([expect.objectContaining({ processed: true })]);
  }, 30_000);
});
