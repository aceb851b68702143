/**
 * The transcript the chapter shows, replayed against the line echo, so
 * the book's sample can never drift from what the server does.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import { replayTranscript } from "#testing/transcript.ts";
import { type EchoServer, LESSONS, startEchoServer } from "./echo-server.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

let server: EchoServer;
beforeAll(async () => {
  server = await startEchoServer();
});
afterAll(() => server?.stop());

test("tests/01-sockets/transcript.txt replays byte for byte", async () => {
  await replayTranscript(path.join(here, "transcript.txt"), server.port, LESSONS.halfClose);
});
