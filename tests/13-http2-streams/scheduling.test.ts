/**
 * Priorities over a real socket (RFC 9218): responses ready in the same
 * turn share the connection window by urgency, and PRIORITY_UPDATE
 * changes the order of a stream already waiting.
 */
import { afterEach, expect, test } from "vitest";
import { SETTING } from "#ch11/settings.ts";
import { PRIORITY_UPDATE_TYPE } from "#ch13/priority.ts";
import { H2Wire, requestHead } from "./h2-wire.ts";
import { startH2, type TestServer } from "./server.ts";

let server: TestServer | undefined;
let client: H2Wire | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
});

function priorityUpdate(streamId: number, value: string) {
  const payload = Buffer.alloc(4 + value.length);
  payload.writeUInt32BE(streamId, 0);
  payload.write(value, 4, "latin1");
  return {
    type: "UNKNOWN" as const,
    frameType: PRIORITY_UPDATE_TYPE,
    flags: 0,
    streamId: 0,
    payload,
  };
}

test("the urgent response takes the connection window; PRIORITY_UPDATE reorders", async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  server = await startH2(async () => {
    await gate;
    return { status: 200, body: Buffer.alloc(100_000) };
  });
  const c = await H2Wire.connect(server.port, { autoWindow: false });
  client = c;
  // Large stream windows, the default 65,535-byte connection window.
  await c.handshake([{ id: SETTING.INITIAL_WINDOW_SIZE, value: 1_000_000 }]);
  c.headers(1, [...requestHead("GET", "/background"), ["priority", "u=5"]]);
  c.headers(3, [...requestHead("GET", "/urgent"), ["priority", "u=0"]]);
  c.headers(5, [...requestHead("GET", "/default")]);
  await c.waitFor((f) => f.type === "SETTINGS" && f.ack);
  c.send({ type: "PING", streamId: 0, ack: false, opaque: Buffer.from("arrived!") });
  await c.waitFor((f) => f.type === "PING" && f.ack);
  release();
  const bytesOn = (id: number) =>
    c.received.reduce(
      (n, f) => n + (f.type === "DATA" && f.streamId === id ? f.data.length : 0),
      0,
    );
  await c.waitFor(() => bytesOn(1) + bytesOn(3) + bytesOn(5) === 65_535);
  expect([bytesOn(3), bytesOn(5), bytesOn(1)]).toEqual([65_535, 0, 0]);
  // Stream 1 becomes the most urgent; 3 goes to the back.
  c.send(priorityUpdate(1, "u=0"), priorityUpdate(3, "u=7"));
  c.send({ type: "WINDOW_UPDATE", streamId: 0, increment: 50_000 });
  await c.waitFor(() => bytesOn(1) + bytesOn(3) + bytesOn(5) === 115_535);
  expect([bytesOn(1), bytesOn(5), bytesOn(3)]).toEqual([50_000, 0, 65_535]);
});
