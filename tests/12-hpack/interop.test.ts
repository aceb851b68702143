/**
 * A real peer: node:http2 as a client against a raw TCP server built from
 * chapters 11 and 12 only. We decode node's request field block with our
 * HpackDecoder, answer with a field block from our HpackEncoder, and node
 * hands its application exactly the response headers we encoded.
 */
import http2 from "node:http2";
import net from "node:net";
import { afterEach, expect, test } from "vitest";
import { encodeFrame } from "#ch11/encode-frame.ts";
import { FrameDecoder } from "#ch11/frame-decoder.ts";
import { HpackDecoder, type HpackResult } from "#ch12/hpack-decoder.ts";
import { HpackEncoder } from "#ch12/hpack-encoder.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanups.splice(0)) f();
});

test("node:http2 sends a request we decode, and reads the response we encode", async () => {
  const requests: HpackResult[] = [];
  const server = net.createServer((socket) => {
    const frames = new FrameDecoder({ preface: "client" });
    const hpackIn = new HpackDecoder();
    const hpackOut = new HpackEncoder();
    socket.on("error", () => {});
    try {
      socket.write(encodeFrame({ type: "SETTINGS", streamId: 0, ack: false, settings: [] }));
    } catch {
      socket.destroy(); // chapter 11's encoder, unfinished in a learner's copy
      return;
    }
    socket.on("data", (chunk: Buffer) => {
      try {
        answer(chunk);
      } catch {
        socket.destroy(); // an unfinished exercise threw: fail now, not at a timeout
      }
    });
    function answer(chunk: Buffer): void {
      frames.push(chunk);
      for (let r = frames.next(); r.kind === "frame"; r = frames.next()) {
        const f = r.frame;
        if (f.type === "SETTINGS" && !f.ack) {
          socket.write(encodeFrame({ type: "SETTINGS", streamId: 0, ack: true, settings: [] }));
        }
        if (f.type !== "HEADERS") continue;
        const decoded = hpackIn.decode(f.fragment);
        requests.push(decoded);
        const fragment = hpackOut.encode([
          [":status", "200"],
          ["content-type", "text/plain"],
          [
            "x-path",
            decoded.kind === "fields"
              ? (decoded.fields.find(([n]) => n === ":path")?.[1] ?? "")
              : "",
          ],
          ["set-cookie", "id=1"],
        ]);
        socket.write(
          encodeFrame({
            type: "HEADERS",
            streamId: f.streamId,
            endStream: true,
            endHeaders: true,
            fragment,
          }),
        );
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => server.close());
  const port = (server.address() as net.AddressInfo).port;
  const client = http2.connect(`http://127.0.0.1:${port}`);
  cleanups.push(() => client.destroy());
  client.on("error", () => {});

  const ask = (path: string) =>
    new Promise<http2.IncomingHttpHeaders>((resolve, reject) => {
      const req = client.request(
        { ":path": path, "user-agent": "interop", cookie: "session=abc" },
        { endStream: true },
      );
      req.on("response", (headers) => resolve(headers));
      req.on("error", reject);
      req.on("close", () => reject(new Error("stream closed without a response")));
      req.resume();
    });
  const first = await ask("/one");
  const second = await ask("/two"); // decoded against the table the first one filled

  for (const [headers, path] of [
    [first, "/one"],
    [second, "/two"],
  ] as const) {
    expect(headers[":status"]).toBe(200);
    expect(headers["content-type"]).toBe("text/plain");
    expect(headers["x-path"]).toBe(path);
    expect(headers["set-cookie"]).toEqual(["id=1"]);
  }
  expect(requests.map((r) => r.kind)).toEqual(["fields", "fields"]);
  const fields = requests[1]?.kind === "fields" ? requests[1].fields : [];
  expect(fields).toEqual(
    expect.arrayContaining([
      [":method", "GET"],
      [":path", "/two"],
      ["user-agent", "interop"],
      ["cookie", "session=abc"],
    ]),
  );
});
