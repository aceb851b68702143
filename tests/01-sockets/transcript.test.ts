/**
 * The transcript the chapter shows, replayed against the line echo, so
 * the book's sample can never drift from what the server does.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import { openTarget } from "#testing/open-target.ts";
import { replayTranscript } from "#testing/transcript.ts";
import { type EchoServer, LESSONS, startEchoServer } from "./echo-server.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

// Wire-level: under `npm run learn -- --open`, the learner's own server.
const open = openTarget();
let server: EchoServer | undefined;
beforeAll(async () => {
  if (!open) server = await startEchoServer();
});
afterAll(() => server?.stop());

test("tests/01-sockets/transcript.txt replays byte for byte", async () => {
  const port = open?.port ?? (server as EchoServer).port;
  await replayTranscript(path.join(here, "transcript.txt"), port, LESSONS.halfClose, open?.host);
});
