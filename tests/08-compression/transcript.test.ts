import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import { replayTranscript } from "#testing/transcript.ts";
import { stage } from "../../src/stages/08-compression.ts";
import { demoApp, type RunningServer } from "./fixtures.ts";
import { startStageServer } from "#testing/http-server.ts";
import { BOOK } from "./lessons.ts";

const FILE = fileURLToPath(new URL("./transcript.txt", import.meta.url));
let server: RunningServer;

beforeAll(async () => {
  server = await startStageServer(stage, demoApp());
});
afterAll(() => server.close());

test("the chapter's transcript: identity, HEAD with gzip, 304 on the gzip tag, 406", async () => {
  await replayTranscript(FILE, server.port, {
    rule: "RFC 9110 §12.5.3 (Accept-Encoding), §12.5.5 (Vary), §8.8.3 (one ETag per representation)",
    book: `${BOOK}#the-whole-exchange`,
  });
});
