/**
 * Streamed response bodies in chapter 03: sized streams keep the
 * connection; unsized ones are close-delimited (RFC 9112 §6.3 rule 8)
 * until chapter 04's framer makes them chunked. Either way the writer
 * waits for 'drain' instead of buffering without bound.
 */
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import type { StreamFraming } from "#ch03/response-framer.ts";
import { exchange } from "#testing/raw-client.ts";
import { orStub } from "#testing/stub-tripwire.ts";
import { expectTrue } from "#testing/wire.ts";
import { header, splitResponses } from "./responses.ts";
import { closeAll, get, sleep, startServer } from "./server.ts";

afterEach(closeAll);

async function* chunks(parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe("streamed bodies", () => {
  test("no Content-Length: close-delimited, and the server closes", async () => {
    const server = await startServer(() => ({ status: 200, body: chunks(["a", "b", "c"]) }));
    const r = await exchange(server.port, get("/") + get("/"), { timeoutMs: 2000 });
    const text = r.received.toString("latin1");
    expectTrue(
      text.endsWith("\r\n\r\nabc") && r.closedByServer,
      `expected one close-delimited body "abc"; got ${JSON.stringify(text)}`,
      {
        rule: "RFC 9112 §6.3 rule 8: otherwise the body is the octets until the server closes",
        book: "chapters/03-keep-alive.md#the-seams",
      },
    );
    expect(text).toContain("connection: close\r\n");
  });

  test("with the handler's Content-Length: streamed, and the connection kept", async () => {
    const server = await startServer(() => ({
      status: 200,
      headers: [["content-length", "6"]],
      body: chunks(["abc", "def"]),
    }));
    const r = await exchange(server.port, get("/") + get("/"), {
      until: (b) => splitResponses(b).length >= 2,
      timeoutMs: 2000,
    });
    expect(splitResponses(r.received).map((x) => x.body)).toEqual(["abcdef", "abcdef"]);
    expect(r.closedByServer).toBe(false);
  });

  test("a stream shorter than its Content-Length: the connection is cut, and it is logged", async () => {
    const server = await startServer(() => ({
      status: 200,
      headers: [["content-length", "10"]],
      body: chunks(["abc"]),
    }));
    const r = await exchange(server.port, get("/"), { timeoutMs: 2000 });
    expect(r.closedByServer).toBe(true);
    expect(server.logged.join("\n")).toMatch(/Content-Length/);
  });

  test("a big stream to a client that stops reading waits for 'drain'", async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x62);
    const count = 48;
    let produced = 0;
    async function* big(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < count; i++) {
        produced++;
        yield chunk;
      }
    }
    const total = count * chunk.length;
    const server = await startServer(() => ({
      status: 200,
      headers: [["content-length", String(total)]],
      body: big(),
    }));
    const socket = net.connect(server.port, "127.0.0.1");
    socket.pause();
    await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
    socket.write(get("/"));
    await sleep(300);
    const whilePaused = produced;
    let received = 0;
    const done = new Promise<void>((resolve) => {
      socket.on("data", (d: Buffer) => {
        received += d.length;
        if (received >= total) resolve();
      });
    });
    socket.resume();
    await orStub(Promise.race([done, sleep(5000)]));
    socket.destroy();
    expectTrue(
      whilePaused < count,
      `the server pulled all ${count} chunks from the body while the client read nothing`,
      {
        rule: "when socket.write() returns false, wait for 'drain' before the next chunk",
        book: "chapters/03-keep-alive.md#back-pressure",
      },
    );
    expect(produced).toBe(count);
    expect(received).toBeGreaterThan(total);
  });

  test("a framer (chapter 04's seam) wraps each chunk and ends the body; connection kept", async () => {
    const framing: StreamFraming = {
      headers: [["x-framing", "test"]],
      encode: (c) => Buffer.concat([Buffer.from(`<${c.length}>`), c]),
      finish: () => Buffer.from("<end>"),
    };
    const server = await startServer(() => ({ status: 200, body: chunks(["ab", "c"]) }), {
      framer: () => framing,
    });
    const r = await exchange(server.port, get("/"), {
      until: (b) => b.includes("<end>"),
      timeoutMs: 2000,
    });
    const text = r.received.toString("latin1");
    expect(text).toContain("x-framing: test\r\n");
    expect(text).not.toContain("connection: close");
    expect(
      header(splitResponses(text.slice(0, text.indexOf("\r\n\r\n") + 4))[0]!, "content-length"),
    ).toBeUndefined();
    expect(text.endsWith("\r\n\r\n<2>ab<1>c<end>")).toBe(true);
  });
});
