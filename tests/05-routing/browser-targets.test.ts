/**
 * What a browser sends, the server accepts (chapter 02, "what browsers
 * send"): headless Chromium visits `/echo/a|b?q={x}|y^z` on the real
 * connection and router. Chromium leaves `{ } | ^` raw in the query (the
 * WHATWG URL percent-encode sets; it encodes "|" in the path as %7C), so a
 * parser that held to RFC 3986's characters alone would answer 400 here.
 * The same holds for a bare "%" in the query (`?q=100%`), which Chromium
 * keeps raw too; in a path it stays a 400.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bodyOptions } from "#ch04/body-options.ts";
import { echoRoutes } from "#ch05/demo-routes.ts";
import { Router } from "#ch05/router.ts";
import { CHROMIUM_MISSING, launchChromium, WAIT_MS, warnIfMissing } from "#testing/chromium.ts";
import { startHttpServer, type TestHttpServer } from "#testing/http-server.ts";
import { expectTrue } from "#testing/wire.ts";

warnIfMissing("the Chromium request-target test (chapter 02's strict line)");

let server: TestHttpServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (CHROMIUM_MISSING) return;
  const router = new Router().mount("/", echoRoutes);
  server = await startHttpServer(router.handle, bodyOptions());
  browser = await launchChromium();
}, WAIT_MS * 2);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Chromium visits `target` on the echo route; its status and the echo. */
async function visit(target: string, rule: string) {
  if (browser === undefined || server === undefined) throw new Error("not started");
  const page = await browser.newPage();
  try {
    const response = await page.goto(`${server.url}${target}`, { timeout: WAIT_MS });
    const status = response?.status();
    const echoed = JSON.parse((await response?.text()) ?? "{}") as {
      target?: string;
      path?: string;
    };
    expectTrue(status === 200, `Chromium got ${status}: ${JSON.stringify(echoed)}`, {
      rule,
      book: "chapters/02-request-parser.md#what-browsers-send",
    });
    return echoed;
  } finally {
    await page.close();
  }
}

describe.skipIf(CHROMIUM_MISSING)("Chromium's raw | { } ^ in a request-target", () => {
  test(
    "GET /echo/a|b?q={x}|y^z is answered 200, with the path and query Chromium sent",
    async () => {
      const echoed = await visit(
        "/echo/a|b?q={x}|y^z",
        "RFC 9112 §3.2 robustness: accept what browsers send raw (WHATWG URL)",
      );
      // Chromium encodes "|" in a path (as %7C) but leaves { } | ^ raw
      // in the query; either way one decoded path reaches the route.
      expect(echoed.target).toMatch(/^\/echo\/a(\||%7C)b\?q=\{x\}\|y\^z$/);
      expect(echoed.path).toBe("/echo/a|b");
    },
    WAIT_MS * 2,
  );

  test(
    "GET /echo/x?q=100%&r=%zz is answered 200, the bare % kept raw in the query",
    async () => {
      const echoed = await visit(
        "/echo/x?q=100%&r=%zz",
        "a bare % in the query is what browsers send (WHATWG URL); only the path is held to %XX",
      );
      expect(echoed.target).toBe("/echo/x?q=100%&r=%zz");
    },
    WAIT_MS * 2,
  );
});
