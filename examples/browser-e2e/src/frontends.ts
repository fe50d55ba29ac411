/** Unpacks a shared frontend build into a temporary folder the demo can serve. */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { frontendArchive, type Frontend } from "./requirements.js";

const run = promisify(execFile);

export interface UnpackedFrontend {
  /** The folder with `index.html`: pass it as `frontendDir` / `adminFrontendDir`. */
  readonly dir: string;
  dispose(): void;
}

/** `tar -xzf <shared>/<frontend>/<frontend>-dist.tgz` into a fresh temporary folder. */
export async function unpackFrontend(frontend: Frontend): Promise<UnpackedFrontend> {
  const archive = frontendArchive(frontend);
  const dir = mkdtempSync(join(tmpdir(), `pk-${frontend}-`));
  try {
    await run("tar", ["-xzf", archive, "-C", dir]);
    if (!existsSync(join(dir, "index.html"))) throw new Error(`${archive} has no index.html at its top`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
