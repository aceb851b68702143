/**
 * Running curl and openssl against the test server: bounded, never
 * rejecting (a failed handshake is an answer the tests look at), and
 * skipping loudly when the tool is missing (.ci/run installs both).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";

export const CURL = "/usr/bin/curl";
export const OPENSSL = "/usr/bin/openssl";
export const CURL_MISSING = !existsSync(CURL);
export const OPENSSL_MISSING = !existsSync(OPENSSL);

for (const [tool, missing] of [
  [CURL, CURL_MISSING],
  [OPENSSL, OPENSSL_MISSING],
] as const) {
  if (missing)
    console.warn(
      `\n*** SKIPPING tests that need ${tool}: apt-get install it (.ci/run does). ***\n`,
    );
}

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool with `input` on stdin; 8 s at most. */
export function run(file: string, args: readonly string[], input = ""): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(file, [...args], { timeout: 8000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

/** `openssl s_client` to 127.0.0.1:port; `request` is sent after the handshake. */
export function sClient(port: number, args: readonly string[], request = ""): Promise<Ran> {
  return run(OPENSSL, ["s_client", "-connect", `127.0.0.1:${port}`, "-ign_eof", ...args], request);
}

/** An HTTP/1.1 request that closes: s_client exits once it is answered. */
export const GET_CLOSE = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
