/**
 * The chapter's transcript, replayed over a real socket: each run of '>'
 * lines is sent as is, and the frames the server sends back, decoded by
 * chapters 11 and 12 and described one per line, must read as the '<'
 * lines that follow ({*} matches the Date).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import { errorCodeName } from "#ch11/error-codes.ts";
import { SETTING } from "#ch11/settings.ts";
import { matchPattern, parseTranscript } from "#testing/transcript.ts";
import { expectTrue } from "#testing/wire.ts";
import { H2Wire, type Received } from "./h2-wire.ts";
import { startH2, type TestServer } from "./server.ts";

const FILE = fileURLToPath(new URL("./transcript.txt", import.meta.url));
const NAMES = new Map<number, string>(Object.entries(SETTING).map(([name, id]) => [id, name]));
const BOOK = "chapters/13-http2-streams.md#samples-one-connection-frame-by-frame";

let server: TestServer;
beforeAll(async () => {
  server = await startH2(() => ({
    status: 200,
    headers: [["content-type", "text/plain"]],
    body: "hello, h2c!\n",
  }));
});
afterAll(() => server.close());

const text = (bytes: Uint8Array) => JSON.stringify(Buffer.from(bytes).toString("latin1"));

function describe(frame: Received): string {
  switch (frame.type) {
    case "SETTINGS":
      if (frame.ack) return "SETTINGS ACK\n";
      return `SETTINGS\n${frame.settings.map((s) => `  ${NAMES.get(s.id) ?? s.id}: ${s.value}\n`).join("")}`;
    case "WINDOW_UPDATE":
      return `WINDOW_UPDATE ${frame.streamId} +${frame.increment}\n`;
    case "HEADERS": {
      const flags = [frame.endStream ? "END_STREAM" : "", "END_HEADERS"].filter(Boolean).join(" ");
      const fields = (frame.fields ?? []).map(([n, v]) => `  ${n}: ${v}\n`).join("");
      return `HEADERS ${frame.streamId} ${flags}\n${fields}`;
    }
    case "DATA":
      return `DATA ${frame.streamId}${frame.endStream ? " END_STREAM" : ""} ${text(frame.data)}\n`;
    case "PING":
      return `PING${frame.ack ? " ACK" : ""} ${text(frame.opaque)}\n`;
    case "GOAWAY":
      return `GOAWAY ${frame.lastStreamId} ${errorCodeName(frame.errorCode)} ${text(frame.debug)}\n`;
    case "RST_STREAM":
      return `RST_STREAM ${frame.streamId} ${errorCodeName(frame.errorCode)}\n`;
    default:
      return `${frame.type} ${frame.streamId}\n`;
  }
}

test("transcript: preface, SETTINGS, a GET, a PING, then a stream id out of order", async () => {
  const client = await H2Wire.connect(server.port, { autoWindow: false, ackSettings: false });
  let seen = 0;
  let sent: Buffer = Buffer.alloc(0);
  try {
    for (const step of parseTranscript(readFileSync(FILE, "utf8"))) {
      if (step.kind === "send") {
        sent = step.bytes;
        client.sendRaw(step.bytes);
      } else if (step.kind === "expect") {
        let said = "";
        const matched = () => {
          said = client.received.slice(seen).map(describe).join("");
          return matchPattern(said, step.pattern) !== "short";
        };
        await client.waitFor(() => matched(), "the expected frames", 5_000).catch(() => undefined);
        const result = matchPattern(said, step.pattern);
        expectTrue(
          typeof result === "number" && result === said.length,
          `expected:\n${step.pattern}\ngot:\n${said}`,
          {
            sent: sent.toString("latin1"),
            book: BOOK,
          },
        );
        seen = client.received.length;
      } else if (step.kind === "end") {
        if (!(await client.closedWithin(5_000))) {
          throw new Error(`the server did not close; received: ${client.describe()}`);
        }
      }
    }
  } finally {
    client.close();
  }
});
