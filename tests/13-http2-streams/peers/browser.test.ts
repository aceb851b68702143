/**
 * Headless Chromium over TLS: the browser negotiates h2 by ALPN and says
 * so (Navigation Timing's nextHopProtocol), for the page and for the
 * stylesheet it loads.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CHROMIUM_MISSING, launchChromium, WAIT_MS, warnIfMissing } from "#testing/chromium.ts";
import { type H2Server, startH2Server } from "../server.ts";

warnIfMissing("chapter 13's browser test");
let server: H2Server;
let browser: Browser | undefined;

beforeAll(async () => {
  server = await startH2Server();
  if (!CHROMIUM_MISSING) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(CHROMIUM_MISSING)("Chromium", () => {
  test("loads the page and its stylesheet over h2", async () => {
    const context = await (browser as Browser).newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const response = await page.goto(`${server.tlsUrl}/`, { timeout: WAIT_MS, waitUntil: "load" });
    expect(response?.status()).toBe(200);
    expect(await page.textContent("h1")).toBe("HTTP/2 fixture");
    const protocols = await page.evaluate(() =>
      performance
        .getEntries()
        .map((e) => e as unknown as { name: string; nextHopProtocol?: string })
        .filter((e) => e.nextHopProtocol !== undefined)
        .map((e) => [e.name.replace(/^https:\/\/[^/]+/, ""), e.nextHopProtocol]),
    );
    expect(protocols).toContainEqual(["/", "h2"]);
    expect(protocols).toContainEqual(["/style.css", "h2"]);
    await context.close();
  });
});
