/**
 * Wire-level (the open track runs it against any server): request bodies
 * as a client sends them. A chunked or Content-Length upload to /echo is
 * read whole (its bytes come back in the answer), the next request on the
 * connection starts exactly where the body ended, and a malformed chunk
 * or an oversized length is refused (RFC 9112 §6, §7.1).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { field, holdsResponses, readResponses } from "#testing/http-responses.ts";
import { type WireTarget, wireTarget } from "#testing/open-target.ts";
import { exchange } from "#testing/raw-client.ts";
import { startReference } from "#testing/reference-server.ts";
import { escapeBytes, expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/04-bodies-and-chunking.md";
let server: WireTarget;
beforeAll(async () => {
  server = await wireTarget(() => startReference(4));
});
afterAll(() => server.close());

const CHUNKED =
  "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n" +
  '5\r\nhello\r\n7;note="ext"\r\n, world\r\n0\r\n\r\n';
const HELLO = "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n";

describe(`request bodies (${BOOK})`, () => {
  test("a chunked upload is decoded whole, and the next request follows it", async () => {
    const sent = CHUNKED + HELLO;
    const { received } = await exchange(
      server.port,
      sent,
      { until: holdsResponses(2) },
      server.host,
    );
    const lesson = {
      rule: "RFC 9112 §7.1: chunked-body = *chunk last-chunk trailer-section CRLF; extensions are ignored",
      book: `${BOOK}#the-whole-exchange`,
      sent,
    };
    const rs = readResponses(received, undefined, false);
    expectTrue(
      rs.length === 2,
      `expected 2 responses, got ${escapeBytes(received.subarray(0, 300))}`,
      lesson,
    );
    expectTrue(
      rs[0]?.status === 200 && rs[0].body.includes("hello, world"),
      "/echo should return the 12 body bytes",
      lesson,
    );
    expect(rs[1]?.body.toString()).toBe("hello world");
  });

  test("a Content-Length upload is read to its length, and the next request follows it", async () => {
    const sent = `POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 12\r\n\r\nhello, world${HELLO}`;
    const { received } = await exchange(
      server.port,
      sent,
      { until: holdsResponses(2) },
      server.host,
    );
    const rs = readResponses(received, undefined, false);
    const lesson = { rule: "RFC 9112 §6.2: Content-Length is the body's length in bytes", sent };
    expectTrue(
      rs.length === 2 && rs[0]!.body.includes("hello, world"),
      `got ${escapeBytes(received.subarray(0, 300))}`,
      lesson,
    );
    expect(rs[1]?.body.toString()).toBe("hello world");
  });

  test("a chunk size that is not hex gets 400 and a close", async () => {
    const sent =
      "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n";
    const { received, closedByServer } = await exchange(server.port, sent, {}, server.host);
    const [r] = readResponses(received);
    const lesson = {
      rule: "RFC 9112 §7.1: chunk-size = 1*HEXDIG; a body whose end cannot be found cannot be answered and kept",
      sent,
    };
    expectTrue(r?.status === 400, `got ${escapeBytes(received.subarray(0, 200))}`, lesson);
    expect(field(r!, "connection")).toMatch(/close/i);
    expectTrue(
      closedByServer,
      "the server should close: the rest of the stream has no known framing",
      lesson,
    );
  });

  test("a Content-Length over the server's limit gets 413 before the body is sent", async () => {
    const sent = "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000000000\r\n\r\n";
    const { received } = await exchange(
      server.port,
      sent,
      { until: holdsResponses(1) },
      server.host,
    );
    const [r] = readResponses(received, undefined, false);
    const lesson = {
      rule: "RFC 9110 §15.5.14: 413 Content Too Large, from the declared length alone",
      sent,
    };
    expectTrue(r?.status === 413, `got ${escapeBytes(received.subarray(0, 200))}`, lesson);
  });
});
