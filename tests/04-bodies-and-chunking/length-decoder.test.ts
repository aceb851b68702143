/**
 * The Content-Length decoder: a countdown that stops exactly at the
 * boundary (RFC 9112 §6.2) and leaves the next request's bytes alone.
 */
import { describe, expect, test } from "vitest";
import { ContentLengthDecoder } from "#ch04/length-decoder.ts";
import { everyByte, everySplit } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import { drive } from "./decode.ts";

const NEXT = "GET /next HTTP/1.1\r\nHost: x\r\n\r\n";
const lesson = {
  rule: "RFC 9112 §6.2: Content-Length is the exact number of content octets; the next request starts right after",
  book: "chapters/04-bodies-and-chunking.md#content-length-a-countdown",
};

describe("ContentLengthDecoder", () => {
  test.each([
    ["exact", 5, "hello", "hello", ""],
    ["next request pipelined behind", 5, `hello${NEXT}`, "hello", NEXT],
    ["one byte", 1, "xy", "x", "y"],
  ])("%s: done at the boundary, rest untouched", (_name, length, wire, body, rest) => {
    for (const pieces of [...everySplit(wire).map(([a, b]) => [a, b]), everyByte(wire)]) {
      const got = drive(new ContentLengthDecoder(length), pieces);
      expectTrue(
        got.kind === "done" && got.body === body && got.rest === rest,
        `expected body ${JSON.stringify(body)} then ${JSON.stringify(rest)}; got ${JSON.stringify(got)}`,
        { ...lesson, sent: wire },
      );
    }
  });

  test("short input: not done, and counts what is left", () => {
    const decoder = new ContentLengthDecoder(10);
    const got = drive(decoder, [Buffer.from("abc")]);
    expect(got).toEqual({ kind: "incomplete", body: "abc" });
    expect(decoder.remaining).toBe(7);
  });

  test("never consumes past the boundary, even from one big buffer", () => {
    const step = new ContentLengthDecoder(3).decode(Buffer.from("abcdef"));
    expect(step).toMatchObject({ kind: "data", consumed: 3, done: true });
    if (step.kind === "data") expect(Buffer.from(step.data ?? []).toString()).toBe("abc");
  });
});
