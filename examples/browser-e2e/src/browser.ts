/**
 * Debian's Chromium driven by playwright-core (which never downloads a browser here: it is given
 * the executable). Each page gets its own browser context (fresh cookies and storage) and records
 * what went wrong while it was open: HTTP errors, failed requests, console errors, page errors.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { chromiumPath } from "./requirements.js";

/** Headless, no sandbox (containers), nothing that reaches beyond loopback on its own. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

/**
 * Starts Chromium. `launch` gives it a fresh temporary profile (user-data-dir) that playwright
 * removes on close.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...CHROMIUM_FLAGS], timeout: 120_000 });
}

/** Something that went wrong while a page was open. */
export interface Problem {
  readonly kind: "http" | "requestfailed" | "console" | "pageerror";
  /** `GET /api/v1/lists -> 404`, the failure text, or the console message. */
  readonly text: string;
  readonly url?: string;
  readonly status?: number;
}

export interface PageSession {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Everything recorded so far, in order. */
  readonly problems: readonly Problem[];
  /** The recorded problems not matched by `allowed` (URL path substrings or patterns). */
  unexpectedProblems(allowed?: readonly (string | RegExp)[]): Problem[];
  close(): Promise<void>;
}

/** Generous: the machine is shared and slow; flows wait for selectors, never for fixed times. */
export const DEFAULT_TIMEOUT = 60_000;

/** A page in a fresh context, timeouts set, recording problems; not navigated yet. */
export async function newPageSession(browser: Browser, options: { viewport?: { width: number; height: number } } = {}): Promise<PageSession> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, locale: "en-US" });
  context.setDefaultTimeout(DEFAULT_TIMEOUT);
  context.setDefaultNavigationTimeout(DEFAULT_TIMEOUT);
  const page = await context.newPage();
  const problems: Problem[] = [];
  page.on("response", (response) => {
    if (response.status() < 400) return;
    const request = response.request();
    problems.push({ kind: "http", url: response.url(), status: response.status(), text: `${request.method()} ${response.url()} -> ${response.status()}` });
  });
  page.on("requestfailed", (request) => {
    problems.push({ kind: "requestfailed", url: request.url(), text: `${request.method()} ${request.url()} failed: ${request.failure()?.errorText ?? "?"}` });
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push({ kind: "console", text: message.text(), url: message.location().url });
  });
  page.on("pageerror", (error) => problems.push({ kind: "pageerror", text: `${error.name}: ${error.message}` }));
  return {
    page,
    context,
    problems,
    unexpectedProblems(allowed = []) {
      return problems.filter((p) => !allowed.some((a) => (typeof a === "string" ? (p.url ?? p.text).includes(a) : a.test(p.text))));
    },
    close: () => context.close(),
  };
}
