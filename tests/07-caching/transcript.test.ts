import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import { replayTranscript } from "#testing/transcript.ts";
import { stage } from "../../src/stages/07-caching.ts";
import { demoApp, type RunningServer } from "./server.ts";
import { startStageServer } from "#testing/http-server.ts";

const FILE = fileURLToPath(new URL("./transcript.txt", import.meta.url));
let server: RunningServer;

beforeAll(async () => {
  server = await startStageServer(stage, demoApp());
});
afterAll(() => server.close());

test("the chapter's transcript: 200, 304, miss, hit, invalidation, miss", async () => {
  await replayTranscript(FILE, server.port, {
    rule: "RFC 9110 §13.2.2 (304 on a matching If-None-Match); RFC 9111 §4.4 (unsafe methods invalidate)",
    book: "chapters/07-caching.md#the-whole-exchange",
  });
});
