/**
 * The chapter's transcript, replayed against the TLS listener: plain
 * HTTP on the TLS port gets a readable answer and a close.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import { replayTranscript } from "#testing/transcript.ts";
import { makePki } from "./pki.ts";
import { startTlsServer, type TestTlsServer } from "./tls-server.ts";

const FILE = fileURLToPath(new URL("./transcript.txt", import.meta.url));
let server: TestTlsServer;

beforeAll(async () => {
  const pki = await makePki();
  server = await startTlsServer([await pki.leaf("local", ["localhost"])]);
});
afterAll(() => server?.close());

test("transcript: plain HTTP sent to the TLS port", async () => {
  await replayTranscript(FILE, server.port, {
    book: "chapters/09-tls.md#what-is-not-tls",
  });
});
