/**
 * Bad input gets a clear answer, never a crash: parse errors, refused
 * bodies, failing handlers, and handlers that try to split a response.
 */
import net from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, test } from "vitest";
import type { BodyDecoder, BodyDecoderFactory } from "#ch03/body-decoder.ts";
import type { Handler, HttpRequest } from "#ch03/message.ts";
import { exchange } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import { header, splitResponses } from "./responses.ts";
import { closeAll, get, sleep, startServer } from "./server.ts";

afterEach(closeAll);

const hello: Handler = () => ({ status: 200, body: "hello world" });

describe("parse errors: error.status, the reason as text, Connection: close, then close", () => {
  test.each([
    ["garbage request-line", "HELLO\r\n\r\n", 400],
    ["bare LF (RFC 9112 §2.2)", "GET / HTTP/1.1\nHost: t\n\n", 400],
    ["HTTP/1.1 without Host (RFC 9112 §3.2)", "GET / HTTP/1.1\r\n\r\n", 400],
    ["two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400],
    ["space before colon (RFC 9112 §5.1)", "GET / HTTP/1.1\r\nHost : t\r\n\r\n", 400],
    ["obs-fold (RFC 9112 §5.2)", "GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n", 400],
    ["HTTP/2.0 on an HTTP/1 connection", "GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505],
    [
      "Content-Length with Transfer-Encoding (smuggling)",
      "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
      400,
    ],
    [
      "two Content-Lengths (smuggling)",
      "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
      400,
    ],
    ["request-line over the limit", `GET /${"a".repeat(9000)} HTTP/1.1\r\nHost: t\r\n\r\n`, 414],
    [
      "header section over the limit",
      `GET / HTTP/1.1\r\nHost: t\r\nX: ${"a".repeat(17000)}\r\n\r\n`,
      431,
    ],
  ])("%s → %i", async (_, sent, status) => {
    const server = await startServer(hello);
    const r = await exchange(server.port, sent + get("/never"), { timeoutMs: 2000 });
    const all = splitResponses(r.received);
    const first = all[0];
    expectTrue(
      all.length === 1 &&
        first?.status === status &&
        header(first, "connection") === "close" &&
        r.closedByServer,
      `expected exactly one ${status} with Connection: close, then FIN; got ${all.map((x) => x.statusLine).join(" | ")} closed=${r.closedByServer}`,
      {
        rule: "after a malformed head the server cannot find the next request: answer 4xx and close (RFC 9112 §2.2, §9.6)",
        book: "chapters/03-keep-alive.md#when-the-request-is-bad",
        sent,
      },
    );
    expect(header(first!, "content-type")).toBe("text/plain; charset=utf-8");
    expect(first!.body.length).toBeGreaterThan(1);
  });

  test("an error after good pipelined requests comes after their responses", async () => {
    const server = await startServer(hello);
    const r = await exchange(server.port, get("/") + get("/") + "BAD\r\n\r\n", { timeoutMs: 2000 });
    expect(splitResponses(r.received).map((x) => x.status)).toEqual([200, 200, 400]);
    expect(r.closedByServer).toBe(true);
  });

  test("no byte sequence crashes the server (property, bounded)", async () => {
    const server = await startServer(hello);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        await exchange(server.port, [Buffer.from(bytes), get("/")], { timeoutMs: 300 });
      }),
      { numRuns: 25 },
    );
    const r = await exchange(server.port, get("/"), {
      until: (b) => b.includes("hello world"),
      timeoutMs: 2000,
    });
    expect(r.received.toString("latin1")).toContain("hello world");
  });
});

describe("request bodies in chapter 03: refused, and the connection closed", () => {
  test.each([
    ["Content-Length: 5", 413],
    ["Transfer-Encoding: chunked", 501],
  ])("%s → %i", async (field, status) => {
    let called = 0;
    const server = await startServer(() => {
      called++;
      return { status: 200 };
    });
    const sent = `POST / HTTP/1.1\r\nHost: t\r\n${field}\r\n\r\nhello`;
    const r = await exchange(server.port, sent, { timeoutMs: 2000 });
    const [a] = splitResponses(r.received);
    expectTrue(
      a?.status === status && r.closedByServer && called === 0,
      `expected ${status} and close without calling the handler; got ${a?.statusLine} closed=${r.closedByServer} calls=${called}`,
      {
        rule: "without a body decoder the server cannot find where the next request starts (RFC 9112 §6.3)",
        book: "chapters/03-keep-alive.md#the-seams",
        sent,
      },
    );
    expect(a!.body).toContain("chapter 04");
  });

  test("Content-Length: 0 is no body at all", async () => {
    const server = await startServer(hello);
    const sent = "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n" + get("/");
    const r = await exchange(server.port, sent, {
      until: (b) => splitResponses(b).length === 2,
      timeoutMs: 2000,
    });
    expect(splitResponses(r.received).map((x) => x.status)).toEqual([200, 200]);
  });
});

/** A test-only Content-Length decoder: what chapter 04 will plug in. */
function lengthDecoder(length: number): BodyDecoder {
  let left = length;
  return {
    decode(input) {
      const take = Math.min(left, input.length);
      left -= take;
      return { kind: "data", consumed: take, data: input.subarray(0, take), done: left === 0 };
    },
  };
}

describe("the body seam (chapter 04 plugs in here)", () => {
  const decoders: BodyDecoderFactory = (_head, framing) =>
    framing.kind === "length"
      ? lengthDecoder(framing.length)
      : { code: "NO", status: 501, reason: "no chunked in this test" };

  async function readAll(request: HttpRequest): Promise<string> {
    const parts: Uint8Array[] = [];
    for await (const chunk of request.body) parts.push(chunk);
    return Buffer.concat(parts).toString("latin1");
  }

  test("a decoder's bytes reach the handler, and the next pipelined request still parses", async () => {
    const server = await startServer(
      async (req) => ({ status: 200, body: `[${await readAll(req)}]` }),
      {
        bodyDecoders: decoders,
      },
    );
    const sent = `POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello${get("/")}`;
    const r = await exchange(server.port, [sent.slice(0, 40), sent.slice(40)], {
      gapMs: 20,
      until: (b) => b.includes("[]"),
      timeoutMs: 2000,
    });
    expect(splitResponses(r.received).map((x) => x.body)).toEqual(["[hello]", "[]"]);
  });

  test("a handler that ignores the body: the body is skipped, not parsed as a request", async () => {
    const server = await startServer((req) => ({ status: 200, body: req.method }), {
      bodyDecoders: decoders,
    });
    const sent = `POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 12\r\n\r\nGET / HTTP/1${get("/")}`;
    const r = await exchange(server.port, sent, {
      until: (b) => splitResponses(b).length >= 2,
      timeoutMs: 2000,
    });
    expect(splitResponses(r.received).map((x) => x.body)).toEqual(["POST", "GET"]);
  });
});

describe("handlers that fail", () => {
  test.each([
    [
      "throws",
      (() => {
        throw new Error("secret /etc/passwd detail");
      }) as Handler,
    ],
    [
      "rejects",
      (async () => {
        throw new Error("secret /etc/passwd detail");
      }) as Handler,
    ],
    ["returns nothing", (() => undefined) as unknown as Handler],
    ["returns status 42", (() => ({ status: 42 })) as Handler],
  ])("a handler that %s → 500, logged, no details leaked, connection kept", async (_, handler) => {
    const server = await startServer((req) =>
      req.target === "/ok" ? { status: 200, body: "ok" } : handler(req),
    );
    const r = await exchange(server.port, get("/boom") + get("/ok"), {
      until: (b) => splitResponses(b).length >= 2,
      timeoutMs: 2000,
    });
    const [boom, ok] = splitResponses(r.received);
    expect(boom?.status).toBe(500);
    expect(boom?.body).not.toContain("secret");
    expect(ok?.body).toBe("ok");
    expect(server.logged.length).toBe(1);
  });

  test("response splitting: a header value with CRLF becomes a 500, logged", async () => {
    const server = await startServer(() => ({
      status: 200,
      headers: [["location", "/x\r\nSet-Cookie: stolen=1"]],
      body: "x",
    }));
    const sent = get("/");
    const r = await exchange(server.port, sent, {
      until: (b) => splitResponses(b).length >= 1,
      timeoutMs: 2000,
    });
    const [a] = splitResponses(r.received);
    expectTrue(
      a?.status === 500 && !r.received.includes("Set-Cookie"),
      "a header value with CRLF went on the wire",
      {
        rule: "RFC 9110 §5.5: field values containing CR, LF, or NUL characters are invalid and dangerous",
        book: "chapters/03-keep-alive.md#serializing-a-response",
        sent,
      },
    );
    expect(server.logged.join("\n")).toContain("location");
  });
});

describe("peers that vanish", () => {
  test("a client that resets mid-request: no crash, nothing logged, the server still answers", async () => {
    let release: (() => void) | undefined;
    const server = await startServer((req) =>
      req.target === "/slow"
        ? new Promise((resolve) => {
            release = () => resolve({ status: 200, body: "too late" });
          })
        : { status: 200, body: "alive" },
    );
    const socket = net.connect(server.port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
    socket.on("error", () => {});
    socket.write(get("/slow") + get("/slow"));
    await sleep(50);
    socket.resetAndDestroy();
    await sleep(50);
    release?.();
    await sleep(50);
    const r = await exchange(server.port, get("/"), {
      until: (b) => b.includes("alive"),
      timeoutMs: 2000,
    });
    expect(r.received.toString("latin1")).toContain("alive");
    expect(server.logged).toEqual([]);
  });
});
