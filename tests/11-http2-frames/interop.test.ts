/**
 * A real peer: node:http2 as a client connects to a raw TCP server over
 * loopback. Our decoder reads everything it sends (preface, SETTINGS,
 * WINDOW_UPDATE, HEADERS, PING); our encoder writes the server's SETTINGS,
 * the PING answer and GOAWAY, and node accepts them (it ACKs our SETTINGS
 * and resolves its ping with our ACK).
 */
import http2 from "node:http2";
import net from "node:net";
import { afterEach, expect, test } from "vitest";
import { encodeFrame } from "#ch11/encode-frame.ts";
import { FrameDecoder } from "#ch11/frame-decoder.ts";
import type { Frame } from "#ch11/frames.ts";
import { SETTING } from "#ch11/settings.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanups.splice(0)) f();
});

/** Rejects when the session closes: a broken server fails the test at once. */
function closed(client: http2.ClientHttp2Session): Promise<never> {
  return new Promise((_, reject) => {
    client.on("close", () => reject(new Error("the session closed: see the server's errors")));
  });
}

/** A server that decodes what the client sends and answers PINGs. */
async function rawServer(onFrame: (f: Frame, socket: net.Socket) => void) {
  const errors: string[] = [];
  const server = net.createServer((socket) => {
    socket.on("error", () => {});
    try {
      serve(socket);
    } catch (err) {
      // A learner's unfinished codec throws NotImplemented: end the
      // connection so the client's promises reject now, not at a timeout.
      errors.push(String(err));
      socket.destroy();
    }
  });
  function serve(socket: net.Socket): void {
    const decoder = new FrameDecoder({ preface: "client" });
    socket.write(
      encodeFrame({
        type: "SETTINGS",
        streamId: 0,
        ack: false,
        settings: [{ id: SETTING.MAX_CONCURRENT_STREAMS, value: 10 }],
      }),
    );
    socket.on("data", (chunk: Buffer) => {
      try {
        decoder.push(chunk);
        for (let r = decoder.next(); r.kind !== "incomplete"; r = decoder.next()) {
          if (r.kind === "error") {
            errors.push(`${r.error.code}: ${r.error.reason}`);
            socket.destroy();
            return;
          }
          onFrame(r.frame, socket);
        }
      } catch (err) {
        errors.push(String(err));
        socket.destroy();
      }
    });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => server.close());
  return { port: (server.address() as net.AddressInfo).port, errors };
}

test("decodes node:http2's preface, SETTINGS, HEADERS and PING; node accepts our frames", async () => {
  const seen: Frame[] = [];
  let sawAck!: () => void;
  const acked = new Promise<void>((resolve) => {
    sawAck = resolve;
  });
  const { port, errors } = await rawServer((frame, socket) => {
    seen.push(frame);
    if (frame.type === "SETTINGS" && !frame.ack) {
      socket.write(encodeFrame({ type: "SETTINGS", streamId: 0, ack: true, settings: [] }));
    }
    if (frame.type === "SETTINGS" && frame.ack) sawAck();
    if (frame.type === "PING" && !frame.ack) {
      socket.write(encodeFrame({ ...frame, ack: true }));
    }
  });
  const client = http2.connect(`http://127.0.0.1:${port}`);
  cleanups.push(() => client.destroy());
  client.on("error", () => {});
  const request = client.request({ ":path": "/frames", "x-test": "interop" }, { endStream: true });
  request.on("error", () => {});
  const gone = closed(client);
  await Promise.race([
    new Promise<void>((resolve) => client.once("remoteSettings", () => resolve())),
    gone,
  ]);
  const rtt = await Promise.race([
    new Promise<number>((resolve, reject) => {
      client.ping(Buffer.from("12345678"), (err, ms) => (err ? reject(err) : resolve(ms)));
    }),
    gone,
  ]);
  await Promise.race([acked, gone]);

  expect(errors).toEqual([]);
  expect(rtt).toBeGreaterThanOrEqual(0);
  const first = seen[0];
  expect(first?.type).toBe("SETTINGS");
  const headers = seen.find((f) => f.type === "HEADERS");
  expect(headers).toMatchObject({
    type: "HEADERS",
    streamId: 1,
    endStream: true,
    endHeaders: true,
  });
  expect(headers && "fragment" in headers && headers.fragment.length).toBeGreaterThan(0);
  const ping = seen.find((f) => f.type === "PING");
  expect(ping && "opaque" in ping && Buffer.from(ping.opaque).toString()).toBe("12345678");
  expect(seen.some((f) => f.type === "SETTINGS" && f.ack)).toBe(true);
  expect(client.remoteSettings.maxConcurrentStreams).toBe(10);
});

test("node:http2 reads our GOAWAY: the session closes with our code", async () => {
  const { port } = await rawServer((frame, socket) => {
    if (frame.type === "SETTINGS" && !frame.ack) {
      socket.write(
        encodeFrame({
          type: "GOAWAY",
          streamId: 0,
          lastStreamId: 0,
          errorCode: 0xb,
          debug: Buffer.from("calm"),
        }),
      );
    }
  });
  const client = http2.connect(`http://127.0.0.1:${port}`);
  cleanups.push(() => client.destroy());
  client.on("error", () => {});
  const code = await Promise.race([
    new Promise<number>((resolve) => client.on("goaway", (c) => resolve(c))),
    closed(client),
  ]);
  expect(code).toBe(0xb);
});
