import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import { replayTranscript } from "#testing/transcript.ts";
import { stage } from "../../src/stages/07-caching.ts";
import { demoApp, type RunningServer, startServer } from "./server.ts";

const FILE = fileURLToPath(new URL("./transcript.txt", import.meta.url));
let server: RunningServer;

beforeAll(async () => {
  const plan = stage.apply({
    settings: { host: "127.0.0.1", port: 0, root: "." },
    banner: [],
    extensions: { handler: demoApp() },
  });
  server = await startServer(plan.extensions.handler!);
});
afterAll(() => server.close());

test("the chapter's transcript: 200, 304, miss, hit, invalidation, miss", async () => {
  await replayTranscript(FILE, server.port, {
    rule: "RFC 9110 §13.2.2 (304 on a matching If-None-Match); RFC 9111 §4.4 (unsafe methods invalidate)",
    book: "chapters/07-caching.md#the-whole-exchange",
  });
});
