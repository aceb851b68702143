/**
 * Headless Chromium over https: the browser's own TLS stack (BoringSSL)
 * against our listener, told to accept the test certificate.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CHROMIUM_MISSING, launchChromium, WAIT_MS, warnIfMissing } from "#testing/chromium.ts";
import { makePki } from "./pki.ts";
import { startTlsServer, type TestTlsServer } from "./tls-server.ts";

warnIfMissing("chapter 09's browser test");
let server: TestTlsServer;
let browser: Browser | undefined;

beforeAll(async () => {
  const pki = await makePki();
  server = await startTlsServer([await pki.leaf("local", ["localhost", "127.0.0.1"])]);
  if (!CHROMIUM_MISSING) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(CHROMIUM_MISSING)("Chromium", () => {
  test("loads a page over https; the request is secure", async () => {
    const context = await (browser as Browser).newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const response = await page.goto(`https://127.0.0.1:${server.port}/page`, { timeout: WAIT_MS });
    expect(response?.status()).toBe(200);
    expect(await page.textContent("body")).toBe("secure=true GET /page\n");
    const security = await response?.securityDetails();
    expect(security?.protocol).toBe("TLS 1.3");
    await context.close();
  });
});
