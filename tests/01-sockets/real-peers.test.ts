/**
 * Real peers over loopback: netcat and curl's telnet:// talk to the line
 * echo exactly as a reader will from a terminal. Skipped, loudly, when the
 * tool is missing; CI installs both (netcat-openbsd for `nc -N`).
 */
import { spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, test } from "vitest";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { type EchoServer, LESSONS, startEchoServer } from "./echo-server.ts";

/** OpenBSD netcat: `-N` sends our FIN when stdin ends (a half-close). */
const ncHelp = spawnSync("nc", ["-h"], { encoding: "utf8", timeout: 5000 });
const hasNc = !ncHelp.error && `${ncHelp.stdout}${ncHelp.stderr}`.includes("-N");
const curlVersion = spawnSync("curl", ["--version"], { encoding: "utf8", timeout: 5000 });
const hasCurlTelnet = !curlVersion.error && /Protocols:.*\btelnet\b/.test(curlVersion.stdout);

interface Run {
  readonly stdout: Buffer;
  readonly code: number | null;
}

/** Run a command with `input` on stdin; killed after `timeoutMs`. */
function run(command: string, args: readonly string[], input: string, timeoutMs = 5000) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
    const out: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out), code });
    });
    child.stdin.end(input);
  });
}

let server: EchoServer;
beforeAll(async () => {
  server = await startEchoServer();
});
afterAll(() => server?.stop());

describe("real peers", () => {
  test.skipIf(!hasNc)(
    `nc -N (netcat-openbsd)${hasNc ? "" : " — SKIPPED: netcat-openbsd not installed (apt-get install netcat-openbsd)"}`,
    async () => {
      const input = "hello from nc\r\nsecond\nno newline";
      const port = String(server.port);
      const { stdout, code } = await run("nc", ["-N", "127.0.0.1", port], input);
      const lesson = {
        ...LESSONS.halfClose,
        sent: input,
        curl: `printf ... | nc -N 127.0.0.1 ${port}`,
      };
      expectBytes(stdout, "hello from nc\nsecond\nno newline\n", lesson);
      expectTrue(code === 0, `nc exited with ${code}: did the server close after echoing?`, lesson);
    },
  );

  test.skipIf(!hasCurlTelnet)(
    `curl telnet://${hasCurlTelnet ? "" : " — SKIPPED: curl without telnet support"}`,
    async () => {
      // curl does not half-close when stdin ends; --max-time ends it (28).
      const input = "hello from curl\r\n";
      const url = `telnet://127.0.0.1:${server.port}`;
      const { stdout, code } = await run("curl", ["-sS", "--max-time", "1", url], input);
      const lesson = { ...LESSONS.echo, sent: input, curl: `printf 'hello\\r\\n' | curl ${url}` };
      expectBytes(stdout, "hello from curl\n", lesson);
      expectTrue(code === 0 || code === 28, `curl exited with ${code}`, lesson);
    },
  );
});
