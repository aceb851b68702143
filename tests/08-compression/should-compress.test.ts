import { describe, test } from "vitest";
import type { HeaderList, HttpResponse } from "#ch03/message.ts";
import { isCompressibleType } from "#ch08/compressible-type.ts";
import { COMPRESSION_THRESHOLD, shouldCompress } from "#ch08/should-compress.ts";
import { expectTrue } from "#testing/wire.ts";
import { WHAT_NOT } from "./lessons.ts";

const BIG = "a".repeat(COMPRESSION_THRESHOLD);
const HTML: HeaderList = [["content-type", "text/html; charset=utf-8"]];

async function* stream(): AsyncGenerator<Uint8Array> {
  yield Buffer.from("x");
}

/** The decision as one word: compress, skip, or skip+vary. */
function decide(response: HttpResponse): string {
  const d = shouldCompress(response);
  return d.kind === "compress" ? "compress" : d.vary ? "skip+vary" : "skip";
}

describe("shouldCompress", () => {
  const table: readonly (readonly [string, HttpResponse, string])[] = [
    ["a 1 KiB HTML page", { status: 200, headers: HTML, body: BIG }, "compress"],
    ["a 404 page is text too", { status: 404, headers: HTML, body: BIG }, "compress"],
    [
      "a stream of unknown length",
      { status: 200, headers: [["content-type", "application/json"]], body: stream() },
      "compress",
    ],
    [
      "HEAD: no body, the Content-Length a GET would have",
      { status: 200, headers: [...HTML, ["content-length", "5000"]] },
      "compress",
    ],
    [
      "below the threshold: skip, but Vary",
      { status: 200, headers: HTML, body: "<p>hi</p>" },
      "skip+vary",
    ],
    [
      "a small stream with Content-Length: skip, but Vary",
      { status: 200, headers: [...HTML, ["content-length", "10"]], body: stream() },
      "skip+vary",
    ],
    [
      "already gzip-coded by the handler",
      { status: 200, headers: [...HTML, ["content-encoding", "gzip"]], body: BIG },
      "skip",
    ],
    [
      "206 Partial Content: a range of identity bytes, with the Vary a 200 would carry (RFC 9110 §15.3.7)",
      { status: 206, headers: HTML, body: BIG },
      "skip+vary",
    ],
    ["304 Not Modified: no content", { status: 304, headers: HTML }, "skip"],
    [
      "206 of an image: a range, but nothing to vary",
      { status: 206, headers: [["content-type", "image/png"]], body: BIG },
      "skip",
    ],
    ["204 No Content", { status: 204, headers: HTML }, "skip"],
    [
      "Cache-Control: no-transform (RFC 9110 §7.7)",
      { status: 200, headers: [...HTML, ["cache-control", "public, No-Transform"]], body: BIG },
      "skip",
    ],
    [
      "a PNG image: already compressed",
      { status: 200, headers: [["content-type", "image/png"]], body: BIG },
      "skip",
    ],
    [
      "woff2: Brotli inside already",
      { status: 200, headers: [["content-type", "font/woff2"]], body: BIG },
      "skip",
    ],
    ["no Content-Type: unknown bytes", { status: 200, body: BIG }, "skip"],
  ];
  test.each(table)("%s", (name, response, expected) => {
    const got = decide(response);
    expectTrue(got === expected, `${name}: decided ${got}, expected ${expected}`, WHAT_NOT);
  });
});

describe("isCompressibleType (mime-db, plus text/*, +json, +xml)", () => {
  const table: readonly (readonly [string, boolean])[] = [
    ["text/html; charset=utf-8", true],
    ["TEXT/CSS", true],
    ["application/javascript; charset=utf-8", true],
    ["application/json", true],
    ["image/svg+xml", true],
    ["application/vnd.example+json", true],
    ["application/x-made-up+xml", true],
    ["text/x-unregistered", true],
    ["image/jpeg", false],
    ["image/webp", false],
    ["video/mp4", false],
    ["application/zip", false],
    ["font/woff2", false],
    ["application/octet-stream", false],
  ];
  test.each(table)("%s → %s", (type, expected) => {
    const got = isCompressibleType(type);
    expectTrue(got === expected, `${type}: compressible=${got}, expected ${expected}`, WHAT_NOT);
  });
});
