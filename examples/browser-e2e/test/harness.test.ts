/** The harness itself: a failing flow leaves a screenshot, the DOM and the problems it met. */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { expect, it } from "vitest";
import { ARTIFACTS_DIR, describeWithBrowser, useBrowserSuite, withPage } from "../src/index.js";

describeWithBrowser("browser-e2e harness", [], () => {
  const suite = useBrowserSuite({ frontends: [] });

  it("records HTTP errors and saves artifacts when a flow fails, naming them in the error", async () => {
    let failure: Error | undefined;
    try {
      await withPage(suite, "harness-self-test", async ({ page }) => {
        await page.goto(`${suite.demo.url}/api/v1/instance`);
        await page.evaluate(() => fetch("/api/v1/no-such-endpoint"));
        throw new Error("flow failed on purpose");
      });
    } catch (error) {
      failure = error as Error;
    }
    expect(failure?.message).toContain("flow failed on purpose");
    const paths = failure!.message.match(new RegExp(`${ARTIFACTS_DIR}/[^ \\n]+`, "g")) ?? [];
    try {
      expect(paths.map((p) => p.slice(p.lastIndexOf(".")))).toEqual([".png", ".log"]);
      for (const p of paths) expect(existsSync(p), p).toBe(true);
      const log = readFileSync(paths[1]!, "utf8");
      expect(log).toContain("error: Error: flow failed on purpose");
      expect(log).toMatch(/\[http\] GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/no-such-endpoint -> 404/);
      expect(existsSync(paths[1]!.replace(/\.log$/, ".html"))).toBe(true);
    } finally {
      for (const p of paths) rmSync(p, { force: true });
      if (paths[1]) rmSync(paths[1].replace(/\.log$/, ".html"), { force: true });
    }
  });
});
