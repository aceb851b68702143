/**
 * Request smuggling, end to end (RFC 9112 §6.1, §6.3; PortSwigger, "HTTP
 * Desync Attacks", 2019). Each attack is sent behind an honest request and
 * in front of a "smuggled" one, on one connection. The server must answer
 * the honest request, refuse the attack with 400 (or 501 for a coding it
 * does not implement) and close: the smuggled request never reaches the
 * handler, because after a framing it does not trust, the server cannot
 * know where the next request starts.
 */
import { afterEach, describe, expect, test } from "vitest";
import { exchange } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import { closeAll, echoBody, get, startServer, statuses } from "./server.ts";

afterEach(closeAll);

const SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: test\r\n\r\n";
const post = (fields: string, body: string, version = "HTTP/1.1"): string =>
  `POST /attack ${version}\r\nHost: test\r\n${fields}\r\n${body}`;

/** name (the attack), request bytes, status. */
const ATTACKS: readonly [string, string, number][] = [
  [
    "CL.TE: Content-Length and Transfer-Encoding",
    post("Content-Length: 6\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\nG"),
    400,
  ],
  [
    "TE.CL: Transfer-Encoding before Content-Length",
    post("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "8\r\nSMUGGLED\r\n0\r\n\r\n"),
    400,
  ],
  [
    "TE.TE: second Transfer-Encoding hides chunked",
    post("Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n", "0\r\n\r\n"),
    400,
  ],
  ["TE.TE: xchunked", post("Transfer-Encoding: xchunked\r\n", "0\r\n\r\n"), 400],
  [
    "TE.TE: chunked, identity (chunked not final)",
    post("Transfer-Encoding: chunked, identity\r\n", "0\r\n\r\n"),
    400,
  ],
  ["TE.TE: chunked twice", post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n"), 400],
  ["TE.TE: space before colon", post("Transfer-Encoding : chunked\r\n", "0\r\n\r\n"), 400],
  ["TE.TE: obs-fold continuation", post("Transfer-Encoding:\r\n chunked\r\n", "0\r\n\r\n"), 400],
  [
    "TE.TE: unknown coding before chunked (501)",
    post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"),
    501,
  ],
  [
    "duplicate Content-Length, different values",
    post("Content-Length: 3\r\nContent-Length: 5\r\n", "abcde"),
    400,
  ],
  [
    "duplicate Content-Length, same value",
    post("Content-Length: 3\r\nContent-Length: 3\r\n", "abc"),
    400,
  ],
  ["Content-Length list 3, 3", post("Content-Length: 3, 3\r\n", "abc"), 400],
  ["Content-Length with a sign", post("Content-Length: +3\r\n", "abc"), 400],
  [
    "HTTP/1.0 with Transfer-Encoding",
    post("Transfer-Encoding: chunked\r\n", "0\r\n\r\n", "HTTP/1.0"),
    400,
  ],
  [
    "chunk-size overflow: 2^64 + 3 wraps to 3",
    post("Transfer-Encoding: chunked\r\n", "10000000000000003\r\nabc\r\n0\r\n\r\n"),
    400,
  ],
  [
    "chunk data longer than its size",
    post("Transfer-Encoding: chunked\r\n", "3\r\nabcGET /x HTTP/1.1\r\n\r\n0\r\n\r\n"),
    400,
  ],
  ["bare LF in chunk framing", post("Transfer-Encoding: chunked\r\n", "3\nabc\n0\n\n"), 400],
];

describe("smuggling attacks: refused, connection closed, nothing smuggled", () => {
  test.each(ATTACKS)("%s → %d", async (_name, attack, status) => {
    const server = await startServer(echoBody);
    const sent = get("/first") + attack + SMUGGLED;
    const r = await exchange(server.port, sent, { timeoutMs: 3000 });
    const codes = statuses(r.received);
    const lesson = {
      rule: "RFC 9112 §6.3: a message whose framing is ambiguous is answered 400 and the connection closed",
      book: "chapters/04-bodies-and-chunking.md#why-framing-is-the-security-boundary",
      sent,
    };
    expectTrue(
      codes[0] === 200 && codes.at(-1) === status,
      `expected 200 then ${status}; got ${codes.join(", ")}`,
      lesson,
    );
    expectTrue(
      r.closedByServer,
      "expected the server to close the connection after the refusal",
      lesson,
    );
    expectTrue(
      !server.seen.includes("/smuggled"),
      `the smuggled request reached the handler: saw ${server.seen.join(", ")}`,
      lesson,
    );
    expect(server.seen[0]).toBe("/first");
  });
});
