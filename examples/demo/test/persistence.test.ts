/** The demo's default store is an SQLite file: what a client created is there after a restart. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoConfigSchema } from "../src/config.js";
import { startDemoServer } from "../src/server.js";
import { client, quickUser } from "./support.js";

describe("demo server on an SQLite file", () => {
  const dir = mkdtempSync(join(tmpdir(), "pk-persist-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = () =>
    demoConfigSchema.parse({ port: 0, databaseUrl: `sqlite:${join(dir, "db", "demo.sqlite")}`, filesDir: join(dir, "files"), admin: "admin:admin-password" });

  it("keeps accounts, statuses, reactions and pack files across a restart", async () => {
    const first = await startDemoServer(config());
    const call1 = client(first);
    const alice = await quickUser(first, "alice");
    const admin = await call1("POST", "/oauth/token", {
      json: { grant_type: "password", username: "admin", password: "admin-password", ...(await appCredentials(call1)) },
    });
    expect(admin.status).toBe(200);
    expect((await call1("POST", "/api/v1/pleroma/emoji/pack?name=kept", { token: admin.body.access_token, json: {} })).status).toBe(200);
    const status = await call1("POST", "/api/v1/statuses", { token: alice.token, json: { status: "still here?", visibility: "public" } });
    await call1("PUT", `/api/v1/pleroma/statuses/${status.body.id}/reactions/${encodeURIComponent("🎉")}`, { token: alice.token });
    await first.close();

    const second = await startDemoServer(config());
    try {
      const call2 = client(second);
      const again = await call2("GET", `/api/v1/statuses/${status.body.id}`, { token: alice.token });
      expect(again.status).toBe(200);
      expect(again.body.content).toContain("still here?");
      expect(again.body.pleroma.emoji_reactions).toEqual([expect.objectContaining({ name: "🎉", count: 1, me: true })]);
      expect((await call2("GET", "/api/v1/pleroma/emoji/packs")).body.packs).toHaveProperty("kept");
    } finally {
      await second.close();
    }
  }, 30_000);
});

async function appCredentials(call: ReturnType<typeof client>) {
  const app = await call("POST", "/api/v1/apps", { json: { client_name: "persist", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write admin" } });
  return { client_id: app.body.client_id as string, client_secret: app.body.client_secret as string, scope: "read write admin" };
}
