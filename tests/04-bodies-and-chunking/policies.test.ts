/**
 * The small decisions around a body, as pure functions: which Expect to
 * meet (RFC 9110 §10.1.1), what to do with a body the handler did not
 * read (RFC 9112 §9.6), which trailers to keep (RFC 9110 §6.5), and the
 * Content-Length limit (RFC 9110 §15.5.14).
 */
import { describe, expect, test } from "vitest";
import type { RequestHead } from "#ch02/request-head-parser.ts";
import type { HeaderList } from "#ch03/message.ts";
import { checkDeclaredLength } from "#ch04/body-decoders.ts";
import { CONTINUE_BYTES, expectationFor } from "#ch04/expectation.ts";
import { filterTrailers } from "#ch04/trailer-fields.ts";
import { decideUnread } from "#ch04/unread-body.ts";
import { expectTrue } from "#testing/wire.ts";

function head(headers: HeaderList, version = "HTTP/1.1"): RequestHead {
  return { method: "POST", target: "/", version, headers } as unknown as RequestHead;
}

describe("expectationFor (RFC 9110 §10.1.1)", () => {
  test.each([
    [[], "none"],
    [[["expect", "100-continue"]], "interim"],
    [[["expect", "100-Continue"]], "interim"],
    [[["expect", "100-continue, "]], "interim"],
    [[["expect", "200-ok"]], "refuse"],
    [[["expect", "100-continue, x"]], "refuse"],
    [
      [
        ["expect", "100-continue"],
        ["expect", "100-continue"],
      ],
      "refuse",
    ],
    [[["expect", ""]], "refuse"],
  ] as const)("%j → %s", (headers, kind) => {
    const got = expectationFor(head(headers));
    expectTrue(got.kind === kind, `expected ${kind}; got ${JSON.stringify(got)}`, {
      rule: "RFC 9110 §10.1.1: the only expectation defined is 100-continue; a server MAY answer others with 417",
      book: "chapters/04-bodies-and-chunking.md#expect-100-continue",
    });
    if (got.kind === "refuse") expect(got.error.status).toBe(417);
    if (got.kind === "interim") {
      expect(Buffer.from(got.bytes).toString()).toBe("HTTP/1.1 100 Continue\r\n\r\n");
      expect(got.bytes).toBe(CONTINUE_BYTES);
    }
  });

  test("HTTP/1.0: the expectation MUST be ignored", () => {
    expect(expectationFor(head([["expect", "100-continue"]], "HTTP/1.0")).kind).toBe("none");
  });
});

describe("decideUnread", () => {
  test.each([
    [{ remaining: 0, awaitingInterim: false }, "drain"],
    [{ remaining: 1000, awaitingInterim: false }, "drain"],
    [{ remaining: 1024, awaitingInterim: false }, "drain"],
    [{ remaining: 1025, awaitingInterim: false }, "close"],
    [{ remaining: undefined, awaitingInterim: false }, "close"],
    [{ remaining: 10, awaitingInterim: true }, "close"],
  ] as const)("%j → %s (limit 1024)", (body, decision) => {
    expectTrue(decideUnread(body, 1024) === decision, `expected ${decision}`, {
      rule: "RFC 9112 §9.6 and RFC 9110 §10.1.1: drain a small, certain remainder; otherwise close",
      book: "chapters/04-bodies-and-chunking.md#the-body-nobody-reads",
    });
  });
});

describe("filterTrailers (RFC 9110 §6.5.1)", () => {
  test("framing, routing and content fields never reach the handler", () => {
    const fields: HeaderList = [
      ["content-length", "1"],
      ["transfer-encoding", "chunked"],
      ["host", "evil"],
      ["content-type", "text/html"],
      ["authorization", "x"],
      ["digest", "sha-256=x"],
      ["server-timing", "a"],
    ];
    expect(filterTrailers(fields)).toEqual([
      ["digest", "sha-256=x"],
      ["server-timing", "a"],
    ]);
  });
});

describe("checkDeclaredLength (RFC 9110 §15.5.14)", () => {
  test.each([
    [0, undefined],
    [100, undefined],
    [101, 413],
  ])("%d bytes against a 100-byte limit → %s", (length, status) => {
    expect(checkDeclaredLength(length, 100)?.status).toBe(status);
  });
});
