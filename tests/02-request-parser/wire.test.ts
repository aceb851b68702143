/**
 * Wire-level (the open track runs it against any server): the parser's
 * verdicts as a client hears them. A malformed head gets its 4xx or 505,
 * a reason a person can read, `connection: close`, and a closed
 * connection; a well-formed one is not refused. The book's own server
 * first answers HTTP in chapter 03, so that is the reference here.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readResponses } from "#testing/http-responses.ts";
import { type WireTarget, wireTarget } from "#testing/open-target.ts";
import { exchange } from "#testing/raw-client.ts";
import { startReference } from "#testing/reference-server.ts";
import { escapeBytes, expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/02-request-parser.md";
let server: WireTarget;
beforeAll(async () => {
  server = await wireTarget(() => startReference(3));
});
afterAll(() => server.close());

const cases: readonly (readonly [string, string, number, RegExp, string])[] = [
  [
    "no Host in HTTP/1.1",
    "GET / HTTP/1.1\r\n\r\n",
    400,
    /host/i,
    "RFC 9112 §3.2: a server MUST respond 400 to an HTTP/1.1 request without Host",
  ],
  [
    "two Host fields",
    "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
    400,
    /host/i,
    "RFC 9112 §3.2: more than one Host field MUST get 400",
  ],
  [
    "a bare LF",
    "GET / HTTP/1.1\nHost: t\n\n",
    400,
    /\S/,
    "RFC 9112 §2.2: this book refuses a bare LF (a recipient MAY accept one; a sender MUST NOT)",
  ],
  [
    "whitespace before the colon",
    "GET / HTTP/1.1\r\nHost : t\r\n\r\n",
    400,
    /\S/,
    "RFC 9112 §5.1: whitespace between name and colon MUST get 400",
  ],
  [
    "obs-fold",
    "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\r\n b\r\n\r\n",
    400,
    /\S/,
    "RFC 9112 §5.2: a server MUST reject obs-fold with 400 (or replace it; this book refuses)",
  ],
  [
    "a garbage request line",
    "HELLO\r\n\r\n",
    400,
    /\S/,
    "RFC 9112 §3: request-line = method SP request-target SP HTTP-version",
  ],
  [
    "HTTP/2.0 in an HTTP/1 request line",
    "GET / HTTP/2.0\r\nHost: t\r\n\r\n",
    505,
    /\S/,
    "RFC 9110 §15.6.6: 505 for a major version the server does not support",
  ],
  [
    "a request-target of 100 KiB",
    `GET /${"a".repeat(100 * 1024)} HTTP/1.1\r\nHost: t\r\n\r\n`,
    414,
    /\S/,
    "RFC 9112 §3: a target longer than the server will parse MUST get 414",
  ],
  [
    "Content-Length and Transfer-Encoding together",
    "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
    400,
    /\S/,
    "RFC 9112 §6.1: both framings at once is how smuggling starts; this book refuses with 400 and closes",
  ],
];

describe(`malformed heads get a clear refusal, then a close (${BOOK})`, () => {
  test.each(cases)("%s", async (_name, sent, status, reason, rule) => {
    const { received, closedByServer } = await exchange(server.port, sent, {}, server.host);
    const lesson = { rule, book: `${BOOK}#samples-bytes-in-head-out`, sent: sent.slice(0, 200) };
    const [r] = readResponses(received);
    expectTrue(r !== undefined, `no response, received ${escapeBytes(received)}`, lesson);
    expectTrue(r.status === status, `expected status ${status}, got "${r.statusLine}"`, lesson);
    expectTrue(reason.test(r.body.toString("latin1")), "the body should give the reason", lesson);
    expect(r.headers.find(([n]) => n === "connection")?.[1]).toMatch(/close/i);
    expectTrue(closedByServer, "after a refused head the server must close", lesson);
  });

  test("a well-formed head is not refused", async () => {
    const sent = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    const { received } = await exchange(server.port, sent, {}, server.host);
    const [r] = readResponses(received);
    expectTrue(
      r !== undefined && (r.status < 400 || r.status === 404),
      `got ${escapeBytes(received.subarray(0, 80))}`,
      {
        rule: "a valid request is parsed, not refused",
        sent,
      },
    );
  });
});
