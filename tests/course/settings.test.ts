/**
 * Operator settings reach the assembled server: what the CLI reads
 * (tests/course/cli.test.ts) changes what the server does.
 */
import { afterEach, describe, expect, test } from "vitest";
import { type RunningServer, startServer } from "../../src/server.ts";
import { findRepoRoot } from "../../tools/course/repo-root.ts";

const REPO_ROOT = findRepoRoot(import.meta.url);

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(port: number, body: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/echo`, { method: "POST", body });
  await response.arrayBuffer();
  return response.status;
}

describe("settings.bodies (--max-body-bytes)", () => {
  test("a body one byte over the limit is refused with 413, one at the limit is echoed", async () => {
    server = await startServer({
      host: "127.0.0.1",
      port: 0,
      root: REPO_ROOT,
      chapter: 4,
      bodies: { maxBodyBytes: 10 },
    });
    expect(await post(server.port, "x".repeat(10))).toBe(200);
    expect(await post(server.port, "x".repeat(11))).toBe(413);
  });
});
