/**
 * admin-fe manages emoji packs end to end (issue 20): the admin logs in, opens Settings → Emoji,
 * creates a pack, uploads an emoji, renames it, edits the pack's metadata, deletes a file, imports
 * a pack folder from the filesystem, lists and downloads a shared pack from a second demo on
 * loopback, and deletes the pack; every step is checked through the API, and no error toast or
 * failed request may appear.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithBrowser, passwordToken, startDemo, useBrowserSuite, withPage, type E2EDemo } from "../src/index.js";

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

describeWithBrowser("admin-fe: emoji packs", ["admin-fe"], () => {
  const filesDir = mkdtempSync(join(tmpdir(), "pk-e2e-afe-files-"));
  // Both demos may fetch from loopback: the download goes from this one to the remote one.
  const suite = useBrowserSuite({ frontends: ["admin-fe"], demo: { config: { fetchAllow: "127.0.0.1/32", filesDir } } });
  let remote: E2EDemo;

  beforeAll(async () => {
    remote = await startDemo({ config: { fetchAllow: "127.0.0.1/32" } });
    // The remote instance shares a pack with one emoji.
    const token = await passwordToken(remote.api, remote.admin.nickname, remote.admin.password);
    expect((await remote.api("POST", "/api/v1/pleroma/emoji/pack?name=shared_blobs", { token })).status).toBe(200);
    const meta = await remote.api("PATCH", "/api/v1/pleroma/emoji/pack?name=shared_blobs", {
      token,
      json: { metadata: { "share-files": true, description: "from the remote", license: "CC0" } },
    });
    expect(meta.status).toBe(200);
    const form = new FormData();
    form.append("shortcode", "remote_blob");
    form.append("file", new Blob([PNG], { type: "image/png" }), "remote_blob.png");
    const upload = await fetch(`${remote.url}/api/v1/pleroma/emoji/packs/files?name=shared_blobs`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(upload.status).toBe(200);
  });

  afterAll(async () => {
    await remote?.stop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it("creates, edits, imports, downloads and deletes packs without an error", () =>
    withPage(suite, "admin-fe-emoji", async ({ page, unexpectedProblems }) => {
      const token = await passwordToken(suite.demo.api, suite.demo.admin.nickname, suite.demo.admin.password);
      const packs = async () => (await suite.demo.api("GET", "/api/v1/pleroma/emoji/packs", { token })).body.packs as Record<string, any>;
      const reloads: number[] = [];
      page.on("response", (r) => {
        if (r.url().endsWith("/api/v1/pleroma/admin/reload_emoji")) reloads.push(r.status());
      });
      await logIn(page, suite.demo);

      // Settings → Emoji, reached through the menu admin-fe builds from admin/config.
      await page.locator(".el-submenu__title", { hasText: "Settings" }).click();
      await page.locator(".el-menu-item", { hasText: "Emoji" }).click();
      await page.waitForURL(/#\/settings\/emoji/);
      await page.locator(".emoji-packs").waitFor();

      // Create a pack.
      await page.getByPlaceholder("Name", { exact: true }).fill("e2e_pack");
      await answered(page, "POST", "/emoji/pack?name=e2e_pack", () => page.locator(".create-pack-button").first().click());
      await expect.poll(async () => Object.keys(await packs())).toContain("e2e_pack");
      const pack = page.locator(".el-collapse-item").filter({ has: page.locator(".el-collapse-item__header", { hasText: "e2e_pack" }) }).first();
      await pack.locator(".el-collapse-item__header").first().click();

      // Edit its metadata: share it, describe it, license it.
      await pack.locator(".emoji-pack-metadata .el-switch").first().click();
      await pack.locator(".emoji-pack-metadata textarea").fill("made by the e2e flow");
      await pack.locator(".emoji-pack-metadata .el-form-item", { hasText: "License" }).locator("input").fill("CC0");
      await answered(page, "PATCH", "/emoji/pack?name=e2e_pack", () => pack.locator(".save-pack-button").click());
      expect((await packs()).e2e_pack.pack).toMatchObject({ "share-files": true, description: "made by the e2e flow", license: "CC0" });

      // Upload an emoji with a shortcode.
      await pack.locator(".el-collapse-item__header", { hasText: "Add new emoji to the pack" }).click();
      const uploader = pack.locator(".new-emoji-uploader-form");
      await uploader.locator(".el-form-item", { hasText: "Shortcode" }).locator("input").fill("e2e_blob");
      await answered(page, "POST", "/emoji/packs/files?name=e2e_pack", () =>
        uploader.locator("input[type=file]").setInputFiles({ name: "e2e_blob.png", mimeType: "image/png", buffer: PNG }),
      );
      await expect.poll(async () => (await packs()).e2e_pack.files).toEqual({ e2e_blob: "e2e_blob.png" });

      // Rename it (shortcode and file).
      await pack.locator(".el-collapse-item__header", { hasText: "Manage existing emoji" }).click();
      const editor = pack.locator(".emoji-container-grid, .emoji-container-flex").filter({ has: page.locator(".remove-emoji-button") }).first();
      await editor.locator(".emoji-info input").nth(0).fill("e2e_renamed");
      await editor.locator(".emoji-info input").nth(1).fill("renamed.png");
      await answered(page, "PATCH", "/emoji/packs/files?name=e2e_pack", () => editor.getByRole("button", { name: "Update" }).click());
      await expect.poll(async () => (await packs()).e2e_pack.files).toEqual({ e2e_renamed: "renamed.png" });

      // Delete the file.
      await editor.locator(".remove-emoji-button").click();
      await answered(page, "DELETE", "/emoji/packs/files?name=e2e_pack", () => page.getByRole("button", { name: "Yes, delete the emoji" }).click());
      await expect.poll(async () => (await packs()).e2e_pack.files).toEqual({});

      // Import a pack folder dropped on the server's filesystem.
      mkdirSync(join(filesDir, "emoji", "dropped"), { recursive: true });
      writeFileSync(join(filesDir, "emoji", "dropped", "dropped_blob.png"), PNG);
      await answered(page, "GET", "/emoji/packs/import", () => page.getByRole("button", { name: "Import packs from the server filesystem" }).click());
      await expect.poll(async () => (await packs()).dropped?.files).toEqual({ dropped_blob: "dropped_blob.png" });
      await page.locator(".el-collapse-item__header", { hasText: "dropped" }).first().waitFor();

      // List the remote instance's packs and download its shared one.
      await page.locator(".el-tabs__item", { hasText: "Remote packs" }).click();
      await page.getByPlaceholder("Remote instance address").fill(remote.url);
      await answered(page, "GET", "/emoji/packs/remote", () => page.getByRole("button", { name: "Refresh remote packs" }).click());
      const remotePack = page.locator(".el-collapse-item").filter({ has: page.locator(".el-collapse-item__header", { hasText: "shared_blobs" }) }).first();
      await remotePack.locator(".el-collapse-item__header").first().click();
      await remotePack.locator(".el-collapse-item__header", { hasText: "Download pack" }).click();
      await answered(page, "POST", "/emoji/packs/download", () => remotePack.locator(".download-shared-pack-button").click());
      await expect.poll(async () => (await packs()).shared_blobs?.files).toEqual({ remote_blob: "remote_blob.png" });

      // Delete the pack.
      await page.locator(".el-tabs__item", { hasText: "Local packs" }).click();
      // The accordion closed the pack while the remote tab was open: open it again.
      await pack.locator(".el-collapse-item__header").first().click();
      await pack.locator(".delete-pack-button").click();
      await answered(page, "DELETE", "/emoji/pack?name=e2e_pack", () => page.getByRole("button", { name: "Yes, delete the pack" }).click());
      await expect.poll(async () => Object.keys(await packs())).not.toContain("e2e_pack");
      // admin-fe refreshes its list after the reload: the pack leaves the page.
      await pack.waitFor({ state: "detached" });

      // Every pack change was followed by a successful reload, and nothing failed.
      expect(reloads.length).toBeGreaterThanOrEqual(5);
      expect(reloads.every((status) => status === 200)).toBe(true);
      // No error toast: after a download admin-fe refreshes the list with `page=undefined`,
      // which the kit reads as no page (docs/compatibility.md).
      expect(await page.locator(".el-message--error").allInnerTexts()).toEqual([]);
      expect(
        unexpectedProblems([
          "/emoji/e2e_pack/renamed.png", // the preview of the emoji just deleted
          /status of 404/,
        ]),
      ).toEqual([]);
    }));
});

/** The admin logs in through admin-fe's form. */
async function logIn(page: Page, demo: E2EDemo): Promise<void> {
  await page.goto(`${demo.url}/pleroma/admin/`);
  await page.waitForURL(/\/pleroma\/admin\/#\/login/);
  await page.locator("input[name=username]").fill(demo.admin.nickname);
  await page.locator("input[name=password]").fill(demo.admin.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/pleroma\/admin\/#\/users/);
}

/** Runs `action` and waits for the request it causes (method and URL part) to answer 200. */
async function answered(page: Page, method: string, urlPart: string, action: () => Promise<unknown>): Promise<void> {
  const response = page.waitForResponse((r) => r.url().includes(urlPart) && r.request().method() === method);
  const [answer] = await Promise.all([response, action()]);
  expect(answer.status(), `${method} ${urlPart}`).toBe(200);
}
