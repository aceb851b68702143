/**
 * `npm run book:pdf`: the whole book as one PDF.
 *
 * The site has a print edition page (/chapters/print.html: a title page,
 * then every chapter, each starting on a new sheet). Headless Chromium
 * opens it, waits for every mermaid diagram to render, unfolds hints and
 * solutions, and prints it with the theme's print styles, so the PDF keeps
 * the same highlighting and diagrams as the site.
 *
 * Files are served to the browser straight from the built folder through
 * request interception: no server, no port, no network.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { toolArgs } from "../cli-args.ts";
import { ensureBookBuilt } from "./ensure-built.ts";
import { PDF_OUT } from "./paths.ts";

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM_PATH = process.env.HANDSHAKE_CHROMIUM ?? "/usr/bin/chromium";

/** Bound for loading the page and rendering every diagram. */
export const PRINT_RENDER_TIMEOUT_MS = 120_000;

const ORIGIN = "http://127.0.0.1:4173";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

function fileFor(dist: string, pathname: string): string | undefined {
  const base = path.join(dist, path.normalize(decodeURIComponent(pathname)));
  if (!base.startsWith(dist)) return undefined;
  for (const f of [base, `${base}.html`, path.join(base, "index.html")])
    if (existsSync(f) && statSync(f).isFile()) return f;
  return undefined;
}

/** Paper and margins of the PDF: tests print chapters with the same. */
export const PDF_OPTIONS = {
  format: "A4",
  printBackground: true,
  margin: { top: "18mm", bottom: "18mm", left: "16mm", right: "16mm" },
  displayHeaderFooter: true,
  headerTemplate: "<span></span>",
  footerTemplate:
    '<div style="width:100%;font-size:8px;color:#777;text-align:center">' +
    'Handshake · <span class="pageNumber"></span></div>',
} as const satisfies Parameters<Page["pdf"]>[0];

/** Launch the system Chromium for printing. */
export function launchForPrint(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** A browser context that serves the built book at `dist` by interception. */
export async function bookContext(browser: Browser, dist: string): Promise<BrowserContext> {
  const context = await browser.newContext({ colorScheme: "light" });
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    const file = url.origin === ORIGIN ? fileFor(dist, url.pathname) : undefined;
    if (!file) return route.fulfill({ status: 404, body: "not found" });
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
  });
  return context;
}

/**
 * Open a page of the book ready to print: every diagram drawn, hints and
 * solutions unfolded, print media on.
 */
export async function openForPrint(context: BrowserContext, pathname: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(PRINT_RENDER_TIMEOUT_MS);
  await page.goto(`${ORIGIN}${pathname}`, { waitUntil: "networkidle" });
  // Strings, not functions: they run in the page, whose DOM types this
  // Node-only project does not load.
  await page.waitForFunction(
    "[...document.querySelectorAll('.mermaid')].every((m) => m.dataset.state !== 'pending')",
  );
  const broken = Number(await page.evaluate("document.querySelectorAll('.mermaid-error').length"));
  if (broken > 0)
    throw new Error(`${broken} mermaid diagram(s) did not render (npm run book:check)`);
  await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
  await page.emulateMedia({ media: "print" });
  return page;
}

/** Print the built book at `dist` to `out`; returns the page count. */
export async function printBook(dist: string, out: string): Promise<number> {
  const browser = await launchForPrint();
  try {
    const page = await openForPrint(await bookContext(browser, dist), "/chapters/print.html");
    await page.pdf({ ...PDF_OPTIONS, path: out });
    const pdf = readFileSync(out, "latin1");
    return (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const usage = `Usage: npm run book:pdf [-- --out FILE --dist DIR]

  The whole book as one PDF, printed by headless Chromium.
  --out FILE   where to write it (default ${PDF_OUT})
  --dist DIR   a built site to print (default: the book, built if missing)
  -h, --help   this text`;
  const { values } = toolArgs("npm run book:pdf", usage, {
    options: { out: { type: "string" }, dist: { type: "string" } },
  });
  const out = values.out ? path.resolve(values.out) : PDF_OUT;
  const dist = values.dist ? path.resolve(values.dist) : await ensureBookBuilt();
  const pages = await printBook(dist, out);
  console.log(`book:pdf: ${pages} pages → ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error(`book:pdf failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
