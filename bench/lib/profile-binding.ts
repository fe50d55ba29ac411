/**
 * Profiling helper for the binding-overhead work: starts bench/lib/binding-server.ts for one
 * framework under `--cpu-prof`, loads only the binding (or only the bare server) with the
 * suite's read or write, and leaves the profiles in the given directory.
 *
 * `node --conditions=@pleroma-kit/source --import tsx bench/lib/profile-binding.ts <framework> <read|write> <binding|bare> <dir> [seconds]`
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { BindingServerInfo } from "./binding-server.js";

const [framework = "fastify", kind = "read", mode = "binding", dir = "/tmp/pk-prof", seconds = "5"] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const child = spawn(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "--conditions=@pleroma-kit/source", "--import", "tsx", join(here, "binding-server.ts"), framework], { stdio: ["pipe", "pipe", "inherit"] });
const info = await new Promise<BindingServerInfo>((resolve) => {
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
    if (out.includes("\n")) resolve(JSON.parse(out.slice(0, out.indexOf("\n"))) as BindingServerInfo);
  });
});
const url = `http://127.0.0.1:${mode === "bare" ? info.barePort : info.bindingPort}`;
let next = 0;
const result = await autocannon(
  kind === "read"
    ? { url, connections: 10, duration: Number(seconds), headers: { authorization: `Bearer ${info.read.token}` }, requests: [{ method: "GET", path: info.read.path }] }
    : {
        url,
        connections: 10,
        duration: Number(seconds),
        setupClient(client) {
          const w = info.writers[next++]!;
          const headers = { authorization: `Bearer ${w.token}` };
          client.setRequests([{ method: "PUT", path: w.path, headers }, { method: "DELETE", path: w.path, headers }]);
        },
      },
);
console.log(`${framework} ${kind} ${mode}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, non2xx ${result.non2xx}`);
child.stdin.end();
await new Promise((resolve) => child.once("exit", resolve));
