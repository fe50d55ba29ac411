/**
 * Issue 15: a demo server killed with SIGKILL in the middle of a pack zip upload, then restarted on
 * the same database and files folder, shows nothing of the upload: the pack lists no new emoji, no
 * file of the zip is served, and no staging or temp file remains. SQLite and PostgreSQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";
import { afterAll, expect, it } from "vitest";
import { describeStore, stores } from "./support.js";

const demoDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const FILES = 3000;

function png(i: number): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR-${i}-${"x".repeat(64)}`)]));
}

async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--conditions=@pleroma-kit/source", "--import", "tsx", "src/main.ts"], {
    cwd: demoDir,
    env: { ...process.env, ...env, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    let errText = "";
    const timer = setTimeout(() => reject(new Error(`demo did not start: ${errText}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on("data", (d: Buffer) => void (errText += d.toString()));
    child.on("exit", (code) => reject(new Error(`demo exited ${code}: ${errText}`)));
  });
  return { child, url };
}

async function adminToken(url: string): Promise<string> {
  const app = await (await fetch(`${url}/api/v1/apps`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ client_name: "fi", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write admin" }) })).json();
  const res = await fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "password", username: "admin", password: "admin-password", client_id: app.client_id, client_secret: app.client_secret, scope: "read write admin" }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

function tree(root: string): string[] {
  try {
    return (readdirSync(root, { recursive: true }) as string[]).map(String);
  } catch {
    return [];
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const store of stores.filter((s) => s.name !== "memory")) {
  describeStore(store, `kill -9 mid pack upload (${store.name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), "pk-fault-"));
    const db = store.open();
    const children: ChildProcess[] = [];
    afterAll(async () => {
      for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
      await db.dispose();
      rmSync(dir, { recursive: true, force: true });
    });
    const env = {
      DATABASE_URL: db.databaseUrl.startsWith("sqlite:") ? `sqlite:${join(dir, "demo.sqlite")}` : db.databaseUrl,
      PLEROMA_KIT_TABLE_PREFIX: db.tablePrefix,
      PLEROMA_KIT_FILES_DIR: join(dir, "files"),
      PLEROMA_KIT_ADMIN: "admin:admin-password",
    };

    it("leaves nothing partial visible and no temp file after a restart", async () => {
      const first = await startChild(env);
      children.push(first.child);
      const token = await adminToken(first.url);
      const auth = { authorization: `Bearer ${token}` };
      expect((await fetch(`${first.url}/api/v1/pleroma/emoji/pack?name=crash`, { method: "POST", headers: auth })).status).toBe(200);

      const entries: Record<string, Uint8Array> = {};
      for (let i = 0; i < FILES; i++) entries[`e${i}.png`] = png(i);
      const form = new FormData();
      form.append("file", new Blob([zipSync(entries, { level: 0 }) as Uint8Array<ArrayBuffer>], { type: "application/zip" }), "all.zip");
      const upload = fetch(`${first.url}/api/v1/pleroma/emoji/packs/files?name=crash`, { method: "POST", headers: auth, body: form }).catch(() => null);

      // Kill as soon as the install has begun writing (staging or the pack folder).
      const packDir = join(dir, "files", "emoji", "crash");
      const deadline = Date.now() + 60_000;
      let seen = "";
      while (Date.now() < deadline) {
        const inPack = tree(packDir).filter((p) => p.endsWith(".png")).length;
        const staged = tree(join(dir, "files", "emoji-staging")).length;
        if (inPack > 0 || staged > 200) {
          seen = `${inPack} in pack, ${staged} staged`;
          break;
        }
        await sleep(5);
      }
      first.child.kill("SIGKILL");
      await upload;
      expect(seen, "the install was observed mid-way").not.toBe("");
      const leftovers = tree(join(dir, "files"));
      expect(leftovers.some((p) => p.includes("emoji-staging/") || p.endsWith(".pk-tmp") || /crash\/e\d+\.png$/.test(p)), seen).toBe(true);

      // Restart on the same database and files (after the sweep's 2 s margin for live writes).
      await sleep(2500);
      const second = await startChild(env);
      children.push(second.child);
      try {
        const clean = async () => !tree(join(dir, "files")).some((p) => p.endsWith(".pk-tmp") || p.startsWith("emoji-staging/"));
        const end = Date.now() + 10_000;
        while (!(await clean()) && Date.now() < end) await sleep(50);
        expect(await clean(), tree(join(dir, "files")).filter((p) => p.includes("staging") || p.endsWith(".pk-tmp")).slice(0, 5).join()).toBe(true);

        const shown = await (await fetch(`${second.url}/api/v1/pleroma/emoji/pack?name=crash`)).json();
        expect(shown.files).toEqual({});
        const onDisk = tree(packDir).filter((p) => p.endsWith(".png"));
        for (const file of [...onDisk.slice(0, 5), "e0.png"]) {
          expect((await fetch(`${second.url}/emoji/crash/${file}`)).status, file).toBe(404);
        }
      } finally {
        second.child.kill("SIGKILL");
      }
    }, 180_000);
  });
}
