/**
 * Smoke flow proving the harness for the admin frontend: admin-fe (Pleroma's admin UI as Akkoma
 * ships it, unmodified) loads from the demo under `/pleroma/admin/` and the admin logs in with
 * the OAuth password grant, getting admin scopes.
 *
 * What issue 20 adds, and this flow should then assert (today these answer 404 and admin-fe
 * shows error toasts, so they are not checked here):
 * - `GET /api/v1/pleroma/admin/config` (admin-fe builds its Settings menu from it; the Emoji
 *   page is reached through Settings → Emoji), `GET /api/v1/pleroma/admin/need_reboot`;
 * - `GET /api/v1/pleroma/admin/users` and `/reports` (the pages opened right after login);
 * - `POST /api/v1/pleroma/admin/reload_emoji` after each pack change;
 * - pack archive links built as `//api/v1/pleroma/emoji/packs/archive?name=…` (two slashes);
 * - then: no error toast after login (`.el-message--error`), and the emoji pack flows.
 */
import { expect, it } from "vitest";
import { describeWithBrowser, useBrowserSuite, withPage } from "../src/index.js";

describeWithBrowser("admin-fe on the demo: smoke", ["admin-fe"], () => {
  const suite = useBrowserSuite({ frontends: ["admin-fe"] });

  it("loads under /pleroma/admin/ and logs the admin in", () =>
    withPage(suite, "admin-fe-login", async ({ page }) => {
      await page.goto(`${suite.demo.url}/pleroma/admin/`);
      // Unauthenticated, admin-fe routes itself to its login page.
      await page.waitForURL(/\/pleroma\/admin\/#\/login/);
      await page.locator("input[name=username]").fill(suite.demo.admin.nickname);
      await page.locator("input[name=password]").fill(suite.demo.admin.password);
      const token = page.waitForResponse((r) => r.url().endsWith("/oauth/token") && r.request().method() === "POST");
      await page.getByRole("button", { name: "Log in" }).click();
      const answer = await token;
      expect(answer.status()).toBe(200);
      const granted = (await answer.json()) as { access_token: string; scope: string };
      expect(granted.scope.split(" ")).toContain("admin");

      // Logged in: admin-fe leaves the login page for its users page and shows its menu.
      await page.waitForURL(/\/pleroma\/admin\/#\/users/);
      await page.locator(".sidebar-container, .el-menu", { hasText: "Settings" }).first().waitFor();
      // The token admin-fe got is the admin's.
      const me = await suite.demo.api("GET", "/api/v1/accounts/verify_credentials", { token: granted.access_token });
      expect(me.status).toBe(200);
      expect(me.body.username).toBe(suite.demo.admin.nickname);
      expect(me.body.pleroma.is_admin).toBe(true);
    }));
});
