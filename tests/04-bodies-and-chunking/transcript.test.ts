/**
 * The chapter's sample exchange, replayed: what the book shows is what
 * the server does.
 */
import { fileURLToPath } from "node:url";
import { afterEach, test } from "vitest";
import { replayTranscript } from "#testing/transcript.ts";
import { closeAll, startServer } from "./server.ts";
import { streamingEcho } from "./streaming-echo.ts";

afterEach(closeAll);

test("transcript.txt: chunked upload in, chunked response with a trailer out", async () => {
  const server = await startServer(streamingEcho);
  await replayTranscript(fileURLToPath(new URL("transcript.txt", import.meta.url)), server.port, {
    rule: "RFC 9112 §7.1: chunked-body = *chunk last-chunk trailer-section CRLF",
    book: "chapters/04-bodies-and-chunking.md#the-whole-exchange",
    curl: "curl -sv --raw -H 'Transfer-Encoding: chunked' --data-binary 'hello, world' http://127.0.0.1:8080/echo",
  });
});
