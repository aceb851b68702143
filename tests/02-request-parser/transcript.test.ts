/**
 * The chapter's transcript, replayed: the parser behind chapter 03's
 * connection (through #ch03, so a learner's chapter 03 runs it too).
 */
import net from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import type { Handler } from "#ch03/message.ts";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";
import { replayTranscript } from "#testing/transcript.ts";

const FILE = fileURLToPath(new URL("./transcript.txt", import.meta.url));

/** Echo what the parser read, so the transcript shows it. */
const echo: Handler = (request) => ({
  status: 200,
  headers: [["content-type", "text/plain"]],
  body: `${request.method} ${request.target}\n`,
});

let server: net.Server;
let port = 0;

beforeAll(async () => {
  server = net.createServer(http1ConnectionHandler(echo));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("transcript: one head accepted, one refused with the catalogue's reason", async () => {
  await replayTranscript(FILE, port, {
    rule: "RFC 9112 §5.1: whitespace before the colon MUST get 400",
    book: "chapters/02-request-parser.md#samples-bytes-in-head-out",
    curl: "printf 'GET / HTTP/1.1\\r\\nHost : a\\r\\n\\r\\n' | nc 127.0.0.1 PORT",
  });
});
