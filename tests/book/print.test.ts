/**
 * The PDF's page breaks, on real chapters of the built book: Chromium
 * prints a chapter the way `npm run book:pdf` prints the book (same page
 * setup, same print styles), and pdf.js reads back where each line
 * landed. No table row may be cut in two, and no page but the chapter's
 * last may be left less than half full. A control print with the print
 * styles' break rules switched off shows the check catches both faults.
 *
 * Needs the built book (npm run book; `npm test` builds it first) and
 * Chromium; skips loudly without either.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BOOK_DIST } from "../../tools/book/ensure-built.ts";
import { bookContext, launchForPrint, openForPrint, PDF_OPTIONS } from "../../tools/book/pdf.ts";
import { CHROMIUM_MISSING as missing, warnIfMissing } from "#testing/chromium.ts";
import { MARK_ROWS, pageBreakProblems, readPages } from "./page-breaks.ts";

warnIfMissing("the book's print tests");
const built = existsSync(path.join(BOOK_DIST, "index.html"));
if (!built) console.warn("\n*** SKIPPING the book's print tests: run npm run book first ***\n");

/** A page at least this full, but a chapter's last. */
const MIN_FILL = 0.5;

/** Bound for printing one chapter on a loaded 2-core machine. */
const PRINT_MS = 120_000;

const MARGIN = { top: 18, bottom: 18 };

/** The theme's print rules before the page-break fixes, for the control. */
const EARLIER_PRINT_RULES = `@media print {
  .vp-doc div[class*="language-"], .code-ref, .transcript { break-inside: avoid !important }
  .vp-doc tr, .vp-doc thead { break-inside: auto !important }
  .vp-doc table { font-size: inherit !important }
  .vp-doc p { orphans: 2 !important; widows: 2 !important }
  .vp-doc div[class*="language-"] pre { orphans: 2 !important; widows: 2 !important }
}`;

let browser: Browser | undefined;
let context: BrowserContext | undefined;

/** Print one chapter page; `css` is added last (the control's override). */
async function printChapter(slug: string, css?: string) {
  if (!context) throw new Error("no browser");
  const page = await openForPrint(context, `/chapters/${slug}.html`);
  try {
    if (css) await page.addStyleTag({ content: css });
    const rows = (await page.evaluate(MARK_ROWS)) as string[];
    const pdf = await page.pdf(PDF_OPTIONS);
    const pages = await readPages(new Uint8Array(pdf), MARGIN);
    return { rows, pages, problems: pageBreakProblems(pages, rows, MIN_FILL) };
  } finally {
    await page.close();
  }
}

describe.skipIf(missing || !built)("the printed book's page breaks (real chapters)", () => {
  beforeAll(async () => {
    browser = await launchForPrint();
    context = await bookContext(browser, BOOK_DIST);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test.each([["03-keep-alive"], ["07-caching"]])(
    "chapter %s: no table row split, no page but the last less than half full",
    async (slug) => {
      const { rows, pages, problems } = await printChapter(slug);
      expect(pages.length, "pages printed").toBeGreaterThan(5);
      expect(rows.length, "table rows marked").toBeGreaterThan(0);
      expect(problems).toEqual([]);
    },
    PRINT_MS,
  );

  test(
    "control: with the book's earlier print rules, the check finds a split row and half-empty pages",
    async () => {
      // Before its page-break rules, the theme kept every code block whole
      // (a long one leaves the rest of its page empty) and let table rows
      // break; the check must see both in chapter 03.
      const { problems } = await printChapter("03-keep-alive", EARLIER_PRINT_RULES);
      expect(problems.some((p) => p.includes("is split across pages"))).toBe(true);
      expect(problems.filter((p) => /^page \d+ is \d+% full/.test(p)).length).toBeGreaterThan(3);
    },
    PRINT_MS,
  );
});
