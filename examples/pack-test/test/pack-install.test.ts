/**
 * Issue 8, "Done when": a new user mounts the library in a fresh Express app and gets reactions
 * working, from packed tarballs (`npm pack`) and not the workspace sources. The test packs core,
 * express, store-memory and reference-host, installs the tarballs and Express into a new project
 * outside the repository (npm's cache first, so it runs offline once `npm ci` has run), writes an
 * app around the README's Express snippet, starts it and reacts over real HTTP.
 *
 * It runs in `npm test`: about 15 s with built packages; packages without `dist/` are built first
 * (CI builds before testing, so there it never builds).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const PACKED = ["core", "express", "store-memory", "reference-host"] as const;
const EXPRESS_VERSION = "5.3.0";

/** npm settings of the outer `npm test` (workspace, prefix...) must not steer the inner npm. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The README's Express mounting snippet: the `ts` block that imports `@pleroma-kit/express`. */
export function readmeExpressSnippet(readme: string): string {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const snippet = blocks.find((b) => b.includes('from "@pleroma-kit/express"'));
  if (!snippet) throw new Error("README.md has no ts block importing @pleroma-kit/express");
  return snippet;
}

/** A host app as a new user writes it: their own Express app, with the README's two lines in it. */
function appSource(snippet: string): string {
  return `import express from "express";
import { createPleromaKit } from "@pleroma-kit/core";
import { createMemoryStore } from "@pleroma-kit/store-memory";
import { createReferenceHost } from "@pleroma-kit/reference-host";
import { createMemoryHostData } from "@pleroma-kit/reference-host/memory";

const baseUrl = "http://127.0.0.1";
const host = createReferenceHost(createMemoryHostData(), { baseUrl });
const kit = createPleromaKit({ baseUrl, store: createMemoryStore(), host: host.ports });
const app = express();

// --- from README.md ---
${snippet}
// --- end ---

app.use((req, res) => res.status(404).json({ error: "host 404" }));

// What the host's own sign-up and posting would have made.
const bob = await host.users.register({ nickname: "bob", password: "bob-password-1" });
const alice = await host.users.register({ nickname: "alice", password: "alice-password-1" });
const client = await host.apps.create({ name: "pack-test", scopes: ["read", "write"] });
const token = await host.tokens.issue(alice.id, client.id, ["read", "write"]);
const status = await host.statuses.post({ authorId: bob.id, content: "hello", visibility: "public" });

const server = app.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  console.log(JSON.stringify({ port, token, statusId: status.id, aliceId: alice.id, core: import.meta.resolve("@pleroma-kit/core") }));
});
`;
}

describe("the packed packages in a fresh Express app", () => {
  let work: string;
  let app: string;
  let child: ChildProcess | undefined;
  let started: { port: number; token: string; statusId: string; aliceId: string; core: string };
  const url = (path: string) => `http://127.0.0.1:${started.port}${path}`;

  beforeAll(async () => {
    for (const name of PACKED) {
      const dir = join(root, "packages", name);
      if (!existsSync(join(dir, "dist"))) run("npx", ["--no-install", "tsup"], dir);
    }
    work = mkdtempSync(join(tmpdir(), "pleroma-kit-pack-"));
    const tarballs = join(work, "tarballs");
    mkdirSync(tarballs);
    const packed = JSON.parse(
      run("npm", ["pack", "--json", "--pack-destination", tarballs, ...PACKED.flatMap((p) => ["-w", `@pleroma-kit/${p}`])], root),
    ) as { name: string; filename: string }[];
    expect(packed.map((p) => p.name).sort()).toEqual(PACKED.map((p) => `@pleroma-kit/${p}`).sort());

    app = join(work, "app");
    mkdirSync(app);
    const dependencies = Object.fromEntries([
      ...packed.map((p) => [p.name, `file:${join(tarballs, p.filename)}`]),
      ["express", EXPRESS_VERSION],
    ]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "fresh-app", private: true, type: "module", dependencies }, null, 2));
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], app);

    writeFileSync(join(app, "app.mjs"), appSource(readmeExpressSnippet(readFileSync(join(root, "README.md"), "utf8"))));
    const proc = spawn(process.execPath, ["app.mjs"], { cwd: app, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    started = await new Promise((resolve, reject) => {
      let out = "";
      let errors = "";
      proc.stderr.on("data", (d: Buffer) => (errors += d.toString()));
      proc.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const line = out.split("\n").find((l) => l.startsWith("{"));
        if (line) resolve(JSON.parse(line));
      });
      proc.on("exit", (code) => reject(new Error(`app exited with ${code}:\n${out}\n${errors}`)));
    });
  }, 240_000);

  afterAll(() => {
    if (child?.pid !== undefined && child.exitCode === null) child.kill();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("installed real copies from the tarballs, not links into the workspace", () => {
    for (const name of PACKED) {
      const installed = join(app, "node_modules", "@pleroma-kit", name);
      expect(lstatSync(installed).isSymbolicLink(), name).toBe(false);
      expect(existsSync(join(installed, "dist", "index.js")), name).toBe(true);
      // One copy of each: a nested one would have come from a registry, not from our tarballs.
      expect(existsSync(join(installed, "node_modules", "@pleroma-kit")), name).toBe(false);
    }
    const lock = JSON.parse(readFileSync(join(app, "package-lock.json"), "utf8")) as { packages: Record<string, { resolved?: string }> };
    const ours = Object.entries(lock.packages).filter(([path]) => path.includes("node_modules/@pleroma-kit/"));
    expect(ours.map(([path]) => path).sort()).toEqual(PACKED.map((p) => `node_modules/@pleroma-kit/${p}`).sort());
    for (const [path, entry] of ours) expect(entry.resolved, path).toMatch(/^file:/);
    expect(realpathSync(fileURLToPath(started.core)).startsWith(realpathSync(app))).toBe(true);
    expect(started.core).toMatch(/\/dist\/index\.js$/);
  });

  it("reacts to a status and lists the reaction over HTTP", async () => {
    const auth = { authorization: `Bearer ${started.token}` };
    const put = await fetch(url(`/api/v1/pleroma/statuses/${started.statusId}/reactions/${encodeURIComponent("👍")}`), { method: "PUT", headers: auth });
    expect(put.status).toBe(200);
    const status = (await put.json()) as { id: string; pleroma: { emoji_reactions: unknown[] } };
    expect(status.id).toBe(started.statusId);
    expect(status.pleroma.emoji_reactions).toEqual([{ name: "👍", count: 1, me: true, url: null, account_ids: [started.aliceId] }]);

    const list = await fetch(url(`/api/pleroma/statuses/${started.statusId}/reactions`), { headers: auth });
    expect(list.status).toBe(200);
    const entries = (await list.json()) as { name: string; count: number; accounts: { id: string }[] }[];
    expect(entries.map((e) => [e.name, e.count, e.accounts.map((a) => a.id)])).toEqual([["👍", 1, [started.aliceId]]]);
  });

  it("refuses an anonymous reaction and leaves other paths to the host app", async () => {
    const anonymous = await fetch(url(`/api/v1/pleroma/statuses/${started.statusId}/reactions/${encodeURIComponent("🎉")}`), { method: "PUT" });
    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toEqual({ error: "Invalid credentials." });
    const other = await fetch(url("/somewhere/else"));
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ error: "host 404" });
  });
});

describe("readmeExpressSnippet", () => {
  it("finds the block importing the Express binding and refuses a README without one", () => {
    const readme = "text\n```ts\nimport { x } from \"y\";\n```\n```ts\nimport { pleromaKit } from \"@pleroma-kit/express\";\napp.use(pleromaKit(kit));\n```\n";
    expect(readmeExpressSnippet(readme)).toContain("app.use(pleromaKit(kit));");
    expect(() => readmeExpressSnippet("no code")).toThrow(/no ts block/);
  });
});
