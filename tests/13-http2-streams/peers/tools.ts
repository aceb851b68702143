/**
 * The HTTP/2 peers these tests run: curl (built with nghttp2), nghttp and
 * h2load (Debian's nghttp2-client). Each missing tool skips its tests
 * loudly; .ci/run installs them all, so CI never skips.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CURL } from "../../09-tls/tools.ts";

export { CURL, run } from "../../09-tls/tools.ts";
export const NGHTTP = "/usr/bin/nghttp";
export const H2LOAD = "/usr/bin/h2load";

function curlSpeaksH2(): boolean {
  if (!existsSync(CURL)) return false;
  try {
    return /\bHTTP2\b/.test(execFileSync(CURL, ["-V"], { encoding: "utf8" }));
  } catch {
    return false;
  }
}

export const CURL_H2_MISSING = !curlSpeaksH2();
export const NGHTTP_MISSING = !existsSync(NGHTTP);
export const H2LOAD_MISSING = !existsSync(H2LOAD);

for (const [what, missing] of [
  [`${CURL} with HTTP2 (curl -V lists it)`, CURL_H2_MISSING],
  [`${NGHTTP} (apt-get install nghttp2-client)`, NGHTTP_MISSING],
  [`${H2LOAD} (apt-get install nghttp2-client)`, H2LOAD_MISSING],
] as const) {
  if (missing) console.warn(`\n*** SKIPPING tests that need ${what}; .ci/run installs it. ***\n`);
}
