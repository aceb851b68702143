/**
 * The transcript the chapter shows, replayed against the server as of
 * chapter 10, so the book's sample can never drift from what it does.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import { replayTranscript } from "#testing/transcript.ts";
import { type Hardened, startHardened } from "./server.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

let server: Hardened;
beforeAll(async () => {
  server = await startHardened({
    cors: { origins: ["http://app.test"], methods: ["GET", "POST", "PUT"] },
  });
});
afterAll(() => server?.close());

test("tests/10-hardening/transcript.txt replays byte for byte", async () => {
  await replayTranscript(path.join(here, "transcript.txt"), server.port, {
    rule: "security headers and rate-limit fields on every answer; 421 for a foreign Host; 204 for an allowed preflight",
    book: "chapters/10-hardening.md#transcript",
  });
});
