/**
 * The transcript the chapter shows, replayed against the server as of
 * chapter 05, so the book's sample can never drift from what it does.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import { openTarget } from "#testing/open-target.ts";
import { replayTranscript } from "#testing/transcript.ts";
import { type AssembledServer, startAssembled } from "./assembled-server.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

// Wire-level: under `npm run learn -- --open`, the learner's own server.
const open = openTarget();
let server: AssembledServer | undefined;
beforeAll(async () => {
  if (!open) server = await startAssembled();
});
afterAll(() => server?.close());

test("tests/05-routing/transcript.txt replays byte for byte", async () => {
  await replayTranscript(
    path.join(here, "transcript.txt"),
    open?.port ?? (server as AssembledServer).port,
    {
      rule: "the router answers 200, 405 with Allow, 204 for OPTIONS, 400 for a dot-segment",
      book: "chapters/05-routing.md#transcript",
    },
    open?.host,
  );
});
