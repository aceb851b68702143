/**
 * Chapter 10 in a real browser: headless Chromium over loopback.
 *
 * CORS is a browser's rule, so it is tested from a browser: a page on one
 * origin (our server on one port) calls our server on another origin
 * (another port, under the name "localhost"). The allowed origin gets
 * through a preflighted PUT; a page on an origin not on the list cannot
 * read the answer. Then the security headers: the book (the fixture
 * book, built by VitePress) must still render under our CSP, with no
 * violation reported.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  CHROMIUM,
  CHROMIUM_MISSING as missing,
  launchChromium,
  WAIT_MS,
  warnIfMissing,
} from "#testing/chromium.ts";
import { ensureFixtureBook, FIXTURE_BUILD_TIMEOUT_MS } from "../book/fixture-book.ts";
import { serveStatic } from "../book/static-server.ts";
import { type Hardened, startHardened } from "./server.ts";

warnIfMissing("chapter 10's browser tests (CORS, CSP)");

/** Bound for one browser test on a loaded 2-core machine. */
const TEST_MS = 60_000;

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

/** Records CSP violations the page reports, from before its first script. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript({
    content: `
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__violations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline"));
      });`,
  });
  // A function, not a string: the CSP forbids eval, and rightly so.
  return () => page.evaluate(() => Reflect.get(globalThis, "__violations") as string[]);
}

describe.skipIf(missing)(`CORS from another origin (needs ${CHROMIUM})`, () => {
  let api: Hardened;
  let app: Hardened;
  let stranger: Hardened;

  beforeAll(async () => {
    browser ??= await launchChromium();
    // The page's origin must be known to the API, and the API's to the page's CSP.
    app = await startHardened({ securityHeaders: { contentSecurityPolicy: undefined } });
    stranger = await startHardened({ securityHeaders: { contentSecurityPolicy: undefined } });
    api = await startHardened({
      cors: { origins: [app.url], methods: ["GET", "POST", "PUT"], exposeHeaders: ["ratelimit"] },
    });
  }, 30_000);
  afterAll(async () => {
    await Promise.all([api?.close(), app?.close(), stranger?.close()]);
  });

  /** A preflighted PUT with a JSON body, from a page on `origin`. */
  async function putFrom(origin: string): Promise<string> {
    const page = await (browser as Browser).newPage();
    try {
      await page.goto(`${origin}/`, { timeout: WAIT_MS });
      const target = `http://localhost:${api.port}/echo/cors`;
      return await page.evaluate(async (url) => {
        try {
          const r = await fetch(url, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ hello: "cors" }),
          });
          return `${r.status} ratelimit=${r.headers.get("ratelimit") !== null} ${await r.text()}`;
        } catch (error) {
          return `blocked: ${(error as Error).message}`;
        }
      }, target);
    } finally {
      await page.close();
    }
  }

  test(
    "an allowed origin's preflighted PUT succeeds and reads exposed headers",
    async () => {
      const result = await putFrom(app.url);
      expect(result).toMatch(/^200 ratelimit=true /);
      expect(result).toContain('"method":"PUT"');
    },
    TEST_MS,
  );

  test(
    "an origin not on the list cannot read the answer",
    async () => {
      expect(await putFrom(stranger.url)).toMatch(/^blocked: /);
    },
    TEST_MS,
  );
});

describe.skipIf(missing)(`the book under the CSP (needs ${CHROMIUM})`, () => {
  let site: Awaited<ReturnType<typeof serveStatic>>;

  beforeAll(async () => {
    browser ??= await launchChromium();
    site = await serveStatic(await ensureFixtureBook());
  }, FIXTURE_BUILD_TIMEOUT_MS + 10_000);
  afterAll(async () => {
    await site?.close();
  });

  test(
    "a chapter page renders code and diagrams with no CSP violation",
    async () => {
      const page = await (browser as Browser).newPage();
      const violations = await watchViolations(page);
      const response = await page.goto(`${site.url}/chapters/01-fixture.html`, {
        timeout: WAIT_MS,
      });
      expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
      const pending = page.locator(".mermaid[data-state='pending']");
      await expect.poll(() => pending.count(), { timeout: WAIT_MS }).toBe(0);
      expect(await page.locator(".mermaid svg").count(), "diagrams drawn").toBeGreaterThan(0);
      expect(await violations(), "CSP violations while rendering").toEqual([]);
      await page.locator(".DocSearch-Button").click({ timeout: WAIT_MS });
      await page.locator("#localsearch-input").fill("anywhere");
      const hit = page.locator(".VPLocalSearchBox .results .result").first();
      await hit.waitFor({ timeout: WAIT_MS });
      expect(await hit.getAttribute("href")).toContain("/chapters/01-fixture");
      expect(await violations(), "CSP violations while searching").toEqual([]);
      await page.close();
    },
    TEST_MS,
  );
});
