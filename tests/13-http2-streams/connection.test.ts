/**
 * The connection over a real loopback socket, driven with raw frames:
 * the SETTINGS exchange, requests and responses, HEAD, bodies, trailers,
 * PING, stream ids, concurrency, RST_STREAM, GOAWAY and shutdown.
 */
import { afterEach, describe, expect, test } from "vitest";
import type { Handler, HttpRequest } from "#ch03/message.ts";
import { ERROR_CODES } from "#ch11/error-codes.ts";
import { SETTING } from "#ch11/settings.ts";
import { H2Wire, requestHead } from "./h2-wire.ts";
import { startH2, type TestServer } from "./server.ts";

let server: TestServer | undefined;
let client: H2Wire | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function open(handler: Handler, options = {}): Promise<H2Wire> {
  server = await startH2(handler, options);
  client = await H2Wire.connect(server.port, { autoWindow: false });
  await client.handshake();
  return client;
}

const hello: Handler = (request) => ({
  status: 200,
  headers: [["Content-Type", "text/plain"]],
  body: `hello ${request.method} ${request.path}?${request.query}\n`,
});

async function readAll(request: HttpRequest): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of request.body) parts.push(chunk);
  return Buffer.concat(parts).toString();
}

describe("the handshake", () => {
  test("the server's SETTINGS announce its limits; our SETTINGS are acknowledged", async () => {
    const c = await open(hello, { maxConcurrentStreams: 7 });
    const settings = await c.waitFor((f) => f.type === "SETTINGS" && !f.ack);
    if (settings.type !== "SETTINGS") throw new Error("not SETTINGS");
    const byId = new Map(settings.settings.map((s) => [s.id, s.value]));
    expect(byId.get(SETTING.MAX_CONCURRENT_STREAMS)).toBe(7);
    expect(byId.get(SETTING.ENABLE_PUSH)).toBe(0);
    expect(byId.get(SETTING.NO_RFC7540_PRIORITIES)).toBe(1);
    await c.waitFor((f) => f.type === "SETTINGS" && f.ack);
    // The connection window is raised beyond 65,535 by WINDOW_UPDATE on 0.
    const update = await c.waitFor((f) => f.type === "WINDOW_UPDATE" && f.streamId === 0);
    expect(update.type === "WINDOW_UPDATE" && update.increment).toBeGreaterThan(0);
  });

  test("bytes that are not the preface get GOAWAY PROTOCOL_ERROR", async () => {
    server = await startH2(hello);
    client = await H2Wire.connect(server.port, { autoWindow: false });
    client.sendRaw(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n PRI * HTTP/2.0"));
    const goaway = await client.goaway();
    expect(goaway.errorCode).toBe(ERROR_CODES.PROTOCOL_ERROR);
  });

  test("a SETTINGS never acknowledged ends the connection with SETTINGS_TIMEOUT", async () => {
    server = await startH2(hello, { settingsTimeoutMs: 100 });
    client = await H2Wire.connect(server.port, { autoWindow: false, ackSettings: false });
    client.sendRaw(Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1"));
    client.send({ type: "SETTINGS", streamId: 0, ack: false, settings: [] });
    const goaway = await client.goaway();
    expect(goaway.errorCode).toBe(ERROR_CODES.SETTINGS_TIMEOUT);
  });

  test("PING is answered with the same eight bytes and ACK", async () => {
    const c = await open(hello);
    const opaque = Buffer.from("12345678");
    c.send({ type: "PING", streamId: 0, ack: false, opaque });
    const pong = await c.waitFor((f) => f.type === "PING" && f.ack);
    expect(pong.type === "PING" && Buffer.from(pong.opaque).toString()).toBe("12345678");
  });
});

describe("requests and responses", () => {
  test("GET: :status, fields in lower case, Date, Content-Length, the body", async () => {
    const c = await open(hello);
    const response = await c.fetch(1, "/a/%62?x=1");
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe("hello GET /a/b?x=1\n");
    const names = response.headers.map(([n]) => n);
    expect(names).toContain("content-type");
    expect(names).toContain("date");
    expect(response.headers).toContainEqual(["content-length", "19"]);
  });

  test("HEAD: the same fields, no DATA, END_STREAM on HEADERS", async () => {
    const c = await open(hello);
    c.headers(1, requestHead("HEAD", "/x"));
    const response = await c.response(1);
    expect(response.status).toBe(200);
    expect(response.frames.map((f) => f.type)).toEqual(["HEADERS"]);
    expect(response.headers).toContainEqual(["content-length", "15"]);
  });

  test("204 and 304 carry no DATA even when the handler gave a body", async () => {
    const c = await open((r) => ({ status: r.path === "/a" ? 204 : 304, body: "ignored" }));
    for (const [id, path] of [
      [1, "/a"],
      [3, "/b"],
    ] as const) {
      const response = await c.fetch(id, path);
      expect(response.frames.filter((f) => f.type === "DATA")).toHaveLength(0);
    }
  });

  test("POST: the body reaches the handler; the request reads as HTTP/2", async () => {
    const c = await open(async (request) => ({
      status: 200,
      body: `${request.version} ${request.authority} ${request.body.length} ${await readAll(request)}`,
    }));
    c.headers(1, [...requestHead("POST", "/echo", "example.test"), ["content-length", "10"]], {
      endStream: false,
    });
    c.data(1, "hello ", false);
    c.data(1, "body");
    const response = await c.response(1);
    expect(response.body.toString()).toBe("HTTP/2 example.test 10 hello body");
  });

  test("request trailers arrive on the body once read to the end", async () => {
    const c = await open(async (request) => {
      await readAll(request);
      return { status: 200, body: JSON.stringify(request.body.trailers) };
    });
    c.headers(1, [...requestHead("POST", "/"), ["te", "trailers"]], { endStream: false });
    c.data(1, "x", false);
    c.headers(1, [["checksum", "abc"]], { endStream: true });
    const response = await c.response(1);
    expect(JSON.parse(response.body.toString())).toEqual([["checksum", "abc"]]);
  });

  test("response trailers go in a final HEADERS with END_STREAM", async () => {
    async function* body() {
      yield Buffer.from("part");
    }
    const c = await open(() => ({
      status: 200,
      body: body(),
      trailers: () => [["Checksum", "9"]],
    }));
    const response = await c.fetch(1, "/");
    expect(response.body.toString()).toBe("part");
    expect(response.trailers).toEqual([["checksum", "9"]]);
    const last = response.frames.at(-1);
    expect(last?.type === "HEADERS" && last.endStream).toBe(true);
  });

  test("connection-specific fields a middleware added are not sent", async () => {
    const c = await open(() => ({
      status: 200,
      headers: [
        ["Connection", "close, x-hop"],
        ["Keep-Alive", "timeout=5"],
        ["Transfer-Encoding", "chunked"],
        ["X-Hop", "1"],
        ["X-Kept", "2"],
      ],
      body: "ok",
    }));
    const response = await c.fetch(1, "/");
    const names = response.headers.map(([n]) => n);
    expect(names).toContain("x-kept");
    for (const gone of ["connection", "keep-alive", "transfer-encoding", "x-hop"]) {
      expect(names).not.toContain(gone);
    }
  });

  test("an upgrade response becomes 501: HTTP/2 has no 101", async () => {
    const c = await open(() => ({
      status: 101,
      headers: [["upgrade", "websocket"]],
      upgrade: () => undefined,
    }));
    const response = await c.fetch(1, "/ws");
    expect(response.status).toBe(501);
  });

  test("a handler that throws gets a 500, and the connection goes on", async () => {
    const c = await open((r) => {
      if (r.path === "/boom") throw new Error("boom");
      return { status: 200, body: "fine" };
    });
    expect((await c.fetch(1, "/boom")).status).toBe(500);
    expect((await c.fetch(3, "/")).body.toString()).toBe("fine");
  });

  test("Expect: 100-continue gets an interim 100 when the handler reads", async () => {
    const c = await open(async (request) => ({ status: 200, body: await readAll(request) }));
    c.headers(1, [...requestHead("POST", "/"), ["expect", "100-continue"]], { endStream: false });
    const interim = await c.waitFor((f) => f.type === "HEADERS" && f.streamId === 1);
    expect(interim.fields).toEqual([[":status", "100"]]);
    c.data(1, "go");
    expect((await c.response(1)).body.toString()).toBe("go");
  });
});

describe("streams", () => {
  test("an even stream id is a connection PROTOCOL_ERROR (§5.1.1)", async () => {
    const c = await open(hello);
    c.headers(2, requestHead("GET", "/"));
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.PROTOCOL_ERROR);
  });

  test("a stream id lower than one used before is a connection PROTOCOL_ERROR", async () => {
    const c = await open(hello);
    await c.fetch(5, "/");
    c.headers(3, requestHead("GET", "/"));
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.PROTOCOL_ERROR);
  });

  test("past SETTINGS_MAX_CONCURRENT_STREAMS: REFUSED_STREAM, the others answered", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const c = await open(
      async () => {
        await gate;
        return { status: 200, body: "late" };
      },
      { maxConcurrentStreams: 2 },
    );
    c.headers(1, requestHead("GET", "/"));
    c.headers(3, requestHead("GET", "/"));
    c.headers(5, requestHead("GET", "/"));
    const refused = await c.waitFor((f) => f.type === "RST_STREAM" && f.streamId === 5);
    expect(refused.type === "RST_STREAM" && refused.errorCode).toBe(ERROR_CODES.REFUSED_STREAM);
    release();
    expect((await c.response(1)).status).toBe(200);
    expect((await c.response(3)).status).toBe(200);
  });

  test("RST_STREAM from the client fires the handler's signal", async () => {
    let aborted: (reason: unknown) => void = () => undefined;
    const seen = new Promise<unknown>((resolve) => (aborted = resolve));
    const c = await open(
      (request) =>
        new Promise(() => {
          request.signal.addEventListener("abort", () => aborted(request.signal.reason));
        }),
    );
    c.headers(1, requestHead("GET", "/slow"));
    await new Promise((r) => setTimeout(r, 20));
    c.send({ type: "RST_STREAM", streamId: 1, errorCode: ERROR_CODES.CANCEL });
    expect(String(await seen)).toMatch(/ClientGone/);
  });

  test("a malformed request is a stream error: the connection goes on", async () => {
    const c = await open(hello);
    c.headers(1, [...requestHead("GET", "/"), ["connection", "keep-alive"]]);
    const reset = await c.waitFor((f) => f.type === "RST_STREAM" && f.streamId === 1);
    expect(reset.type === "RST_STREAM" && reset.errorCode).toBe(ERROR_CODES.PROTOCOL_ERROR);
    expect((await c.fetch(3, "/ok")).status).toBe(200);
  });

  test("DATA beyond Content-Length is malformed (§8.1.1)", async () => {
    const c = await open(async (r) => ({ status: 200, body: await readAll(r) }));
    c.headers(1, [...requestHead("POST", "/"), ["content-length", "2"]], { endStream: false });
    c.data(1, "three");
    const reset = await c.waitFor((f) => f.type === "RST_STREAM" && f.streamId === 1);
    expect(reset.type === "RST_STREAM" && reset.errorCode).toBe(ERROR_CODES.PROTOCOL_ERROR);
  });

  test("PUSH_PROMISE from a client is a connection PROTOCOL_ERROR", async () => {
    const c = await open(hello);
    c.send({
      type: "PUSH_PROMISE",
      streamId: 1,
      endHeaders: true,
      promisedStreamId: 2,
      fragment: new Uint8Array(0),
    });
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.PROTOCOL_ERROR);
  });

  test("a PRIORITY frame is ignored, unless a stream depends on itself", async () => {
    const c = await open(hello);
    c.send({
      type: "PRIORITY",
      streamId: 3,
      priority: { exclusive: false, dependsOn: 1, weight: 16 },
    });
    expect((await c.fetch(1, "/")).status).toBe(200);
    c.send({
      type: "PRIORITY",
      streamId: 5,
      priority: { exclusive: false, dependsOn: 5, weight: 16 },
    });
    const reset = await c.waitFor((f) => f.type === "RST_STREAM" && f.streamId === 5);
    expect(reset.type === "RST_STREAM" && reset.errorCode).toBe(ERROR_CODES.PROTOCOL_ERROR);
  });
});

describe("frames on closed and half-closed streams (§5.1)", () => {
  test("DATA after the client's END_STREAM: RST_STREAM STREAM_CLOSED", async () => {
    const c = await open(() => new Promise(() => undefined));
    c.headers(1, requestHead("GET", "/"));
    c.data(1, "late");
    const reset = await c.waitFor((f) => f.type === "RST_STREAM" && f.streamId === 1);
    expect(reset.type === "RST_STREAM" && reset.errorCode).toBe(ERROR_CODES.STREAM_CLOSED);
  });

  test("DATA after the client's own RST_STREAM: RST_STREAM STREAM_CLOSED (§5.1)", async () => {
    const c = await open(() => new Promise(() => undefined));
    c.headers(1, requestHead("POST", "/"), { endStream: false });
    c.send({ type: "RST_STREAM", streamId: 1, errorCode: ERROR_CODES.CANCEL });
    c.data(1, "late");
    const reset = await c.waitFor((f) => f.type === "RST_STREAM" && f.streamId === 1);
    expect(reset.type === "RST_STREAM" && reset.errorCode).toBe(ERROR_CODES.STREAM_CLOSED);
  });

  test("HEADERS on a stream that ended: GOAWAY STREAM_CLOSED", async () => {
    const c = await open(hello);
    await c.fetch(1, "/");
    c.headers(1, requestHead("GET", "/"));
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.STREAM_CLOSED);
  });

  test("frames in flight on a stream we reset are ignored", async () => {
    const c = await open(hello);
    c.headers(1, [...requestHead("POST", "/"), ["content-length", "1"]], { endStream: false });
    c.data(1, "too long", false);
    await c.waitFor((f) => f.type === "RST_STREAM" && f.streamId === 1);
    c.data(1, "more", false);
    c.headers(1, [["x-trailer", "1"]], { endStream: true });
    expect((await c.fetch(3, "/ok")).status).toBe(200);
    expect(c.received.filter((f) => f.type === "RST_STREAM")).toHaveLength(1);
    expect(c.received.some((f) => f.type === "GOAWAY")).toBe(false);
  });

  test("trailers without END_STREAM, or with a pseudo-header: malformed", async () => {
    const c = await open(() => new Promise(() => undefined));
    c.headers(1, requestHead("POST", "/"), { endStream: false });
    c.headers(1, [["x-trailer", "1"]], { endStream: false });
    c.headers(3, requestHead("POST", "/"), { endStream: false });
    c.headers(3, [[":path", "/again"]], { endStream: true });
    for (const id of [1, 3]) {
      const reset = await c.waitFor((f) => f.type === "RST_STREAM" && f.streamId === id);
      expect(reset.type === "RST_STREAM" && reset.errorCode).toBe(ERROR_CODES.PROTOCOL_ERROR);
    }
  });

  test("WINDOW_UPDATE or RST_STREAM on an idle stream: GOAWAY PROTOCOL_ERROR", async () => {
    for (const frame of [
      { type: "WINDOW_UPDATE" as const, streamId: 9, increment: 1 },
      { type: "RST_STREAM" as const, streamId: 9, errorCode: 0 },
    ]) {
      const c = await open(hello);
      c.send(frame);
      expect((await c.goaway()).errorCode).toBe(ERROR_CODES.PROTOCOL_ERROR);
      c.close();
      await server?.close();
    }
  });
});

describe("GOAWAY", () => {
  test("shutdown(): GOAWAY 2^31-1, PING, then the real last stream id, then close", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const c = await open(async () => {
      await gate;
      return { status: 200, body: "done" };
    });
    c.headers(1, requestHead("GET", "/"));
    await new Promise((r) => setTimeout(r, 20));
    const connection = server?.connections[0];
    expect(connection?.busy).toBe(true);
    connection?.shutdown();
    const first = await c.goaway();
    expect(first.lastStreamId).toBe(0x7fff_ffff);
    const ping = await c.waitFor((f) => f.type === "PING" && !f.ack);
    if (ping.type !== "PING") throw new Error("not PING");
    c.send({ type: "PING", streamId: 0, ack: true, opaque: ping.opaque });
    const second = await c.waitFor((f) => f.type === "GOAWAY" && f.lastStreamId === 1);
    expect(second.type === "GOAWAY" && second.errorCode).toBe(ERROR_CODES.NO_ERROR);
    release();
    expect((await c.response(1)).body.toString()).toBe("done");
    expect(await c.closedWithin(5_000)).toBe(true);
    expect(connection?.busy).toBe(false);
  });

  test("an idle connection is closed with GOAWAY NO_ERROR after idleTimeoutMs", async () => {
    const c = await open(hello, { idleTimeoutMs: 50 });
    await c.fetch(1, "/");
    const goaway = await c.goaway();
    expect(goaway.errorCode).toBe(ERROR_CODES.NO_ERROR);
    expect(goaway.lastStreamId).toBe(1);
    expect(await c.closedWithin(5_000)).toBe(true);
  });
});
