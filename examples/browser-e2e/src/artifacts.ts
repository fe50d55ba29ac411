/** What a failed flow leaves behind: a screenshot and the problems the page recorded. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PageSession } from "./browser.js";

/** `examples/browser-e2e/artifacts/` (git-ignored). */
export const ARTIFACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "artifacts");

export interface SavedArtifacts {
  readonly screenshot: string | null;
  readonly html: string | null;
  readonly log: string;
}

/**
 * Writes `<name>.png`, `<name>.html` (the DOM, to find selectors) and `<name>.log` (URL, the
 * error, failed requests, console errors).
 */
export async function saveArtifacts(session: PageSession, name: string, error?: unknown): Promise<SavedArtifacts> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const base = join(ARTIFACTS_DIR, `${name.replace(/[^A-Za-z0-9_-]+/g, "-")}-${Date.now()}`);
  let screenshot: string | null = `${base}.png`;
  try {
    await session.page.screenshot({ path: screenshot, fullPage: true, timeout: 30_000 });
  } catch {
    screenshot = null; // The page may be gone; the log still says what happened.
  }
  let html: string | null = `${base}.html`;
  try {
    writeFileSync(html, await session.page.content());
  } catch {
    html = null;
  }
  const lines = [
    `url: ${session.page.isClosed() ? "(closed)" : session.page.url()}`,
    `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    "",
    "problems (HTTP >= 400, failed requests, console errors, page errors):",
    ...session.problems.map((p) => `  [${p.kind}] ${p.text}`),
  ];
  const log = `${base}.log`;
  writeFileSync(log, `${lines.join("\n")}\n`);
  return { screenshot, html, log };
}
