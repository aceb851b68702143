/**
 * The book in a real browser: headless Chromium over loopback.
 *
 * The fixture book (tests/book/fixtures) has one chapter with every kind
 * of reference, so this test knows what must be on the page: highlighted
 * code (Shiki spans), a rendered mermaid diagram (an svg), folded hints,
 * a transcript, a working API link and local search. No request may fail.
 * Diagrams must use the column (not the 300 px an svg falls back to) and
 * no label may be cut, on a desktop and on a phone; code of 80 columns
 * shows whole on a 1280 px desktop, its line numbers beside their lines.
 * When the real book is built (npm run book), its pages are opened too.
 */
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BOOK_DIST } from "../../tools/book/ensure-built.ts";
import { type CodeFit, codeFitProblems, MEASURE_CODE } from "./code-fit.ts";
import { type DiagramFit, fitProblems, MEASURE_DIAGRAMS } from "./diagram-fit.ts";
import { ensureFixtureBook, FIXTURE_BUILD_TIMEOUT_MS } from "./fixture-book.ts";
import { serveStatic } from "./static-server.ts";
import {
  CHROMIUM,
  CHROMIUM_MISSING as missing,
  launchChromium,
  warnIfMissing,
} from "#testing/chromium.ts";

warnIfMissing("the book's browser tests");

/** Bound for any single wait in the page (render, diagram, search). */
const WAIT_MS = 20_000;

/**
 * Waits until every mermaid figure has been drawn or has failed. A locator
 * poll, not page.waitForFunction with a string: the server's CSP (chapter
 * 10) forbids eval, and Playwright evaluates such strings with eval.
 */
async function allDrawn(page: Page): Promise<void> {
  const pending = page.locator(".mermaid[data-state='pending']");
  await expect.poll(() => pending.count(), { timeout: WAIT_MS }).toBe(0);
}

/** A diagram that failed: our component's mark, or mermaid's error svg. */
const BROKEN_DIAGRAM = ".mermaid-error, .mermaid svg[aria-roledescription='error']";

/** Bound for one test: a few page loads on a loaded 2-core machine. */
const TEST_MS = 60_000;

/** Bound for the walk through the real book: every chapter page. */
const WALK_MS = 180_000;

/**
 * Collects failed requests and 4xx/5xx responses of a page. A request
 * aborted because the page moved on (VitePress prefetches the next
 * chapters) is not a failure by itself; `settle` fetches it again and
 * counts it only if that fails too.
 */
function watchRequests(page: Page): { failures: string[]; settle(): Promise<string[]> } {
  const failures: string[] = [];
  const aborted = new Set<string>();
  page.on("requestfailed", (r) => {
    const why = r.failure()?.errorText ?? "unknown";
    if (why === "net::ERR_ABORTED") aborted.add(r.url());
    else failures.push(`${r.url()}: ${why}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) failures.push(`${r.url()}: HTTP ${r.status()}`);
  });
  const settle = async (): Promise<string[]> => {
    for (const url of aborted) {
      const r = await page.request.get(url, { timeout: WAIT_MS });
      if (!r.ok()) failures.push(`${url}: aborted, then HTTP ${r.status()}`);
    }
    return failures;
  };
  return { failures, settle };
}

let browser: Browser | undefined;

async function launch(): Promise<Browser> {
  browser ??= await launchChromium();
  return browser;
}

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(missing)(`the fixture book in Chromium (needs ${CHROMIUM})`, () => {
  let site: Awaited<ReturnType<typeof serveStatic>>;

  beforeAll(async () => {
    site = await serveStatic(await ensureFixtureBook());
  }, FIXTURE_BUILD_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    await site?.close();
  });

  test(
    "a chapter renders code, diagram, exercise and transcript",
    async () => {
      const page = await (await launch()).newPage();
      const requests = watchRequests(page);
      await page.goto(`${site.url}/chapters/01-fixture.html`, { timeout: WAIT_MS });
      await allDrawn(page);
      expect(await page.locator(BROKEN_DIAGRAM).count(), "diagrams that failed").toBe(0);
      expect(await page.locator(".mermaid svg").count(), "every diagram drawn").toBe(4);
      const shikiSpans = await page.locator(".code-ref pre.shiki span[style*='--shiki']").count();
      expect(shikiSpans, "highlighted code (Shiki token spans)").toBeGreaterThan(10);
      const caption = (await page.locator(".code-ref-caption").first().textContent()) ?? "";
      expect(caption).toContain("solutions/01-fixture/line-splitter.ts");
      expect(caption).toMatch(/lines 35.40/);
      expect(await page.locator(".exercise-ref details").count(), "3 hints + solution").toBe(4);
      expect(await page.locator(".transcript .t-client").count()).toBe(1);
      // On a 1280 px desktop: code shown whole, line numbers beside their lines.
      const code = (await page.evaluate(MEASURE_CODE)) as CodeFit;
      expect(code.blocks).toBeGreaterThan(2);
      expect(await page.locator(".vp-doc table").count(), "the benchmark table").toBe(1);
      expect(codeFitProblems(code)).toEqual([]);
      const shot = path.join(os.tmpdir(), "handshake-book-fixture.png");
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`screenshot: ${shot}`);
      expect(await requests.settle(), "failed requests").toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  test.each([
    ["a desktop", 1280],
    ["a phone", 390],
  ])(
    "on %s, every diagram uses the column and no label is cut",
    async (_, width) => {
      const page = await (await launch()).newPage({ viewport: { width, height: 900 } });
      await page.goto(`${site.url}/chapters/01-fixture.html`, { timeout: WAIT_MS });
      await allDrawn(page);
      const fits = (await page.evaluate(MEASURE_DIAGRAMS)) as DiagramFit[];
      expect(fits).toHaveLength(4);
      // The wide chart is wider than 300 px wherever the column allows it.
      const wide = fits[3] as DiagramFit;
      expect(wide.drawn).toBeGreaterThan(Math.min(wide.column, wide.natural) - 2);
      expect(fitProblems(fits)).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  test(
    "the API link in a caption opens the symbol's page",
    async () => {
      const page = await (await launch()).newPage();
      const requests = watchRequests(page);
      await page.goto(`${site.url}/chapters/01-fixture.html`, { timeout: WAIT_MS });
      const href = await page.locator(".code-ref-api").first().getAttribute("href");
      expect(href).toMatch(/^\/api\/.*LineBuffer.*\.html/);
      await page.waitForLoadState("networkidle", { timeout: WAIT_MS });
      await page.goto(`${site.url}${href}`, { timeout: WAIT_MS });
      expect(await page.locator("h1").first().textContent()).toContain("LineBuffer");
      // Not a dead end: the page links back to the chapter that teaches it.
      const back = page.locator(".hs-chapter-link a");
      expect(await back.getAttribute("href")).toBe("/chapters/01-fixture");
      expect(await requests.settle()).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  test(
    "a chapter's design notes are a page of their own, in the sidebar",
    async () => {
      const page = await (await launch()).newPage();
      const requests = watchRequests(page);
      await page.goto(`${site.url}/chapters/01-fixture.html`, { timeout: WAIT_MS });
      const group = page.locator(".VPSidebarItem", { hasText: "Design notes" }).first();
      await group.waitFor({ timeout: WAIT_MS });
      const link = page.locator('.VPSidebar a[href*="/chapters/notes/01-fixture"]');
      expect(await link.count(), "the notes page in the sidebar").toBe(1);
      await page.goto(`${site.url}/chapters/notes/01-fixture.html`, { timeout: WAIT_MS });
      expect(await page.locator(".vp-doc h1").first().textContent()).toContain("design notes");
      const caption = (await page.locator(".code-ref-caption").first().textContent()) ?? "";
      expect(caption).toContain("SplitResult");
      await page.waitForLoadState("networkidle", { timeout: WAIT_MS });
      await page.locator(".vp-doc a", { hasText: "Back to the chapter" }).click();
      await page.waitForURL(/\/chapters\/01-fixture\.html#lines$/, { timeout: WAIT_MS });
      expect(await requests.settle()).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  test(
    "local search finds a term from the chapter",
    async () => {
      const page = await (await launch()).newPage();
      const requests = watchRequests(page);
      await page.goto(`${site.url}/`, { timeout: WAIT_MS });
      // The landing page is the table of contents: written and planned.
      const toc = page.locator(".vp-doc li");
      expect(
        await toc.filter({ has: page.locator('a[href*="/chapters/01-fixture"]') }).count(),
      ).toBe(1);
      expect(await toc.filter({ hasText: "planned" }).count()).toBeGreaterThanOrEqual(18);
      await page.locator(".DocSearch-Button").click({ timeout: WAIT_MS });
      await page.locator("#localsearch-input").fill("anywhere");
      const hit = page.locator(".VPLocalSearchBox .results .result").first();
      await hit.waitFor({ timeout: WAIT_MS });
      expect(await hit.getAttribute("href")).toContain("/chapters/01-fixture");
      expect(await requests.settle()).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );
});

const built = existsSync(path.join(BOOK_DIST, "index.html"));

describe.skipIf(missing || !built)("the real book in Chromium (after npm run book)", () => {
  test(
    "the landing page, every chapter and its design notes load without a failed request",
    async () => {
      const site = await serveStatic(BOOK_DIST);
      const page = await (await launch()).newPage();
      const requests = watchRequests(page);
      try {
        await page.goto(`${site.url}/`, { timeout: WAIT_MS });
        await page.locator(".VPHero").waitFor({ timeout: WAIT_MS });
        await page.waitForLoadState("networkidle", { timeout: WAIT_MS });
        const pages = (dir: string): string[] =>
          existsSync(path.join(BOOK_DIST, dir))
            ? readdirSync(path.join(BOOK_DIST, dir))
                .filter((f) => /^\d\d-.*\.html$/.test(f))
                .map((f) => `/${dir}/${f}`)
            : [];
        // Chapters, then their design notes (chapters/notes/).
        const chapters = [...pages("chapters"), ...pages("chapters/notes")];
        for (const link of chapters.slice(0, 40)) {
          await page.goto(`${site.url}${link}`, { timeout: WAIT_MS });
          await page.locator(".vp-doc h1").first().waitFor({ timeout: WAIT_MS });
          const diagrams = await page.locator(".vp-doc .mermaid").count();
          if (diagrams > 0) await allDrawn(page);
          const broken = await page.locator(BROKEN_DIAGRAM).count();
          if (broken > 0) requests.failures.push(`${link}: ${broken} diagram(s) did not render`);
          if (diagrams > 0) {
            const fits = (await page.evaluate(MEASURE_DIAGRAMS)) as DiagramFit[];
            for (const p of fitProblems(fits)) requests.failures.push(`${link}: ${p}`);
          }
          const code = (await page.evaluate(MEASURE_CODE)) as CodeFit;
          for (const p of codeFitProblems(code)) requests.failures.push(`${link}: ${p}`);
          // Let prefetches finish: leaving early aborts them.
          await page.waitForLoadState("networkidle", { timeout: WAIT_MS });
        }
        await page.screenshot({ path: path.join(os.tmpdir(), "handshake-book.png") });
        expect(await requests.settle()).toEqual([]);
      } finally {
        await page.close();
        await site.close();
      }
    },
    WALK_MS,
  );
});
