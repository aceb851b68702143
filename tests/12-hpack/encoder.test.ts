/**
 * The encoder's choices (RFC 7541 §7.1): what it indexes, what it never
 * indexes, and the table size updates it owes the decoder.
 */
import { describe, expect, test } from "vitest";
import { HpackDecoder } from "#ch12/hpack-decoder.ts";
import { HpackEncoder } from "#ch12/hpack-encoder.ts";
import { indexingFor } from "#ch12/indexing-policy.ts";
import { expectBytes } from "#testing/wire.ts";
import { hex } from "./examples.ts";

const BOOK = "chapters/12-hpack.md#the-encoders-choices";

describe("indexingFor", () => {
  test.each([
    ["authorization", "Bearer abc", "never"],
    ["proxy-authorization", "Basic xyz", "never"],
    ["set-cookie", "id=1", "never"],
    ["cookie", "id=12", "never"],
    ["cookie", "session=3f2a9c1d5e7b40a8b6c2d4e6f8a0b2c4", "index"],
    ["content-length", "42", "no-index"],
    ["date", "Mon, 21 Oct 2013 20:13:21 GMT", "no-index"],
    ["user-agent", "curl/8.5.0", "index"],
  ])("%s: %s -> %s", (name, value, expected) => {
    expect(indexingFor(name, value)).toBe(expected);
  });

  test("the application can mark more fields sensitive", () => {
    expect(indexingFor("x-api-key", "k", new Set(["x-api-key"]))).toBe("never");
  });
});

describe("HpackEncoder", () => {
  test("a repeated field costs one byte the second time", () => {
    const e = new HpackEncoder({ huffman: false });
    const first = e.encode([["user-agent", "curl/8.5.0"]]);
    const second = e.encode([["user-agent", "curl/8.5.0"]]);
    expect(first.length).toBe(12);
    expectBytes(second, hex("be"), { rule: "RFC 7541 §6.1", book: BOOK });
  });

  test("authorization is never indexed, even the second time (CRIME, §7.1)", () => {
    const e = new HpackEncoder({ huffman: false });
    const field: [string, string] = ["authorization", "Bearer secret"];
    for (let i = 0; i < 2; i++) {
      expectBytes(e.encode([field]), hex("1f08 0d 426561726572207365637265 74"), {
        rule: "RFC 7541 §6.2.3",
        book: BOOK,
      });
    }
    expect(e.tableSize).toBe(0);
  });

  test("a decoder reports never-indexed fields so a proxy can keep them so", () => {
    const e = new HpackEncoder();
    const d = new HpackDecoder();
    const r = d.decode(
      e.encode([
        [":status", "200"],
        ["set-cookie", "id=1"],
      ]),
    );
    expect(r).toMatchObject({ kind: "fields", neverIndexed: [1] });
  });

  test("content-length is sent without indexing", () => {
    const e = new HpackEncoder({ huffman: false });
    expectBytes(e.encode([["content-length", "42"]]), hex("0f0d 02 3432"), {
      rule: "RFC 7541 §6.2.2",
      book: BOOK,
    });
    expect(e.tableSize).toBe(0);
  });

  test("after setMaxTableSize, the next block starts with the update; a dip is announced too", () => {
    const e = new HpackEncoder();
    e.setMaxTableSize(0);
    e.setMaxTableSize(2048);
    // 0 (the dip) then 2048 (3f e1 0f), then :method GET
    expectBytes(e.encode([[":method", "GET"]]), hex("20 3fe10f 82"), {
      rule: "RFC 7541 §4.2",
      book: BOOK,
    });
    expectBytes(e.encode([[":method", "GET"]]), hex("82"), { rule: "RFC 7541 §4.2", book: BOOK });
  });

  test("an encoder limited below 4,096 announces its size in its first block", () => {
    const e = new HpackEncoder({ maxTableSize: 1024 });
    expectBytes(e.encode([]), hex("3fe107"), { rule: "RFC 7541 §4.2", book: BOOK });
  });
});

describe("HpackEncoder.epoch: when a kept block may be sent again", () => {
  test("it holds while blocks leave the table alone, and moves on an add, an eviction or a size change", () => {
    const encoder = new HpackEncoder();
    const start = encoder.epoch;
    expect(encoder.epoch, "asking twice changes nothing").toBe(start);

    encoder.encode([
      [":method", "GET"],
      [":path", "/"],
    ]); // static entries only
    expect(encoder.epoch, "a block of static indexes leaves the table alone").toBe(start);

    encoder.encode([["x-custom", "one"]]); // incremental indexing adds an entry
    const added = encoder.epoch;
    expect(added, "an added entry moves the epoch").not.toBe(start);
    encoder.encode([["x-custom", "one"]]); // now an indexed reference
    expect(encoder.epoch, "a reference to an existing entry does not").toBe(added);

    // A table that holds exactly one such entry: each add evicts the last,
    // so the count stays 1 but the newest entry is another.
    const small = new HpackEncoder({ maxTableSize: 40 });
    small.encode([["x-a", "1"]]);
    const one = small.epoch;
    small.encode([["x-b", "2"]]);
    expect(small.epoch, "an add that evicts, same count, still moves").not.toBe(one);

    const beforeResize = encoder.epoch;
    encoder.setMaxTableSize(1_024);
    expect(encoder.epoch, "a size update to announce moves it").not.toBe(beforeResize);
    expect(encoder.settled).toBe(false);
    encoder.encode([[":method", "GET"]]);
    expect(encoder.settled, "the update went out with that block").toBe(true);
  });
});
