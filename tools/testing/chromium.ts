/**
 * Headless Chromium for every browser test (the book's, the interop
 * tests): the system Chromium through playwright-core, no sandbox, no
 * GPU, no background traffic, and no QUIC, so every byte goes over TCP to
 * our server.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** The system Chromium (`apt-get install -y chromium`; .ci/run does). */
export const CHROMIUM = "/usr/bin/chromium";

/** True when the browser is not installed: the tests skip, loudly. */
export const CHROMIUM_MISSING: boolean = !existsSync(CHROMIUM);

/**
 * Flags: headless, no sandbox (containers run as root), nothing that
 * talks to the internet behind the test's back, and no QUIC so Chromium
 * never tries HTTP/3 (we only speak HTTP/1.1 over TCP in Part I).
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Bound for starting the browser and for any single wait in a page. */
export const WAIT_MS = 15_000;

/** Print a warning nobody can miss when the browser is absent. */
export function warnIfMissing(what: string): void {
  if (!CHROMIUM_MISSING) return;
  console.warn(
    `\n*** SKIPPING ${what}: ${CHROMIUM} is missing. ` +
      "Install it with `apt-get install -y chromium` (.ci/run does). ***\n",
  );
}

/** Launch Chromium; the caller closes it (afterAll). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_FLAGS],
    timeout: WAIT_MS,
  });
}
