/**
 * The vitest glue a flow file uses: one demo server and one browser per suite, one fresh page per
 * flow, and artifacts (screenshot, failed requests, console errors) when a flow fails.
 *
 * @example
 * describeWithBrowser("pleroma-fe: posting", ["pleroma-fe"], () => {
 *   const suite = useBrowserSuite({ frontends: ["pleroma-fe"] });
 *   it("posts", () => withPage(suite, "posts", async ({ page }) => {
 *     await page.goto(suite.demo.url);
 *   }));
 * });
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { saveArtifacts } from "./artifacts.js";
import { launchBrowser, newPageSession, type PageSession } from "./browser.js";
import { startDemo, type DemoOptions, type E2EDemo } from "./demo.js";
import { unpackFrontend, type UnpackedFrontend } from "./frontends.js";
import type { Frontend } from "./requirements.js";

export interface BrowserSuite {
  /** The demo serving the frontends; usable from `beforeAll` on. */
  readonly demo: E2EDemo;
  readonly browser: Browser;
}

export interface BrowserSuiteOptions {
  /** pleroma-fe is served at `/`, admin-fe under `/pleroma/admin/`. */
  readonly frontends: readonly Frontend[];
  /** Other demo options (framework, config). */
  readonly demo?: Omit<DemoOptions, "frontendDir" | "adminFrontendDir">;
}

/** Registers `beforeAll`/`afterAll` that unpack the frontends, start the demo and Chromium, and stop them. */
export function useBrowserSuite(options: BrowserSuiteOptions): BrowserSuite {
  let demo: E2EDemo | undefined;
  let browser: Browser | undefined;
  const unpacked: UnpackedFrontend[] = [];

  beforeAll(async () => {
    const dirs: { frontendDir?: string; adminFrontendDir?: string } = {};
    for (const frontend of options.frontends) {
      const fe = await unpackFrontend(frontend);
      unpacked.push(fe);
      if (frontend === "pleroma-fe") dirs.frontendDir = fe.dir;
      else dirs.adminFrontendDir = fe.dir;
    }
    demo = await startDemo({ ...options.demo, ...dirs });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    for (const fe of unpacked) fe.dispose();
  });

  return {
    get demo() {
      if (!demo) throw new Error("the demo is started in beforeAll: use suite.demo inside a test or hook");
      return demo;
    },
    get browser() {
      if (!browser) throw new Error("the browser is started in beforeAll: use suite.browser inside a test or hook");
      return browser;
    },
  };
}

/**
 * Runs `flow` on a fresh page (own cookies and storage). If it throws, saves a screenshot and the
 * recorded problems under `artifacts/`, prints their paths, and rethrows with the paths added.
 */
export async function withPage(suite: BrowserSuite, name: string, flow: (session: PageSession) => Promise<void>): Promise<void> {
  const session = await newPageSession(suite.browser);
  try {
    await flow(session);
  } catch (error) {
    const saved = await saveArtifacts(session, name, error);
    const where = `artifacts: ${saved.screenshot ?? "(no screenshot)"} ${saved.log}`;
    console.error(`[browser-e2e] ${name} failed; ${where}`);
    if (error instanceof Error) error.message = `${error.message}\n${where}`;
    throw error;
  } finally {
    await session.close();
  }
}
