import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { multipartSegments, segmentsLength, type BodySegment } from "#ch06/multipart-byteranges.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import { BOOK, bodyBytes, DIGITS, header, makeSite, request, type Site } from "./fixtures.ts";

const lesson = {
  rule: "RFC 9110 §14.6: each part is a delimiter, Content-Type, Content-Range, a blank line and the bytes; CRLF before each delimiter",
  book: `${BOOK}#several-ranges-multipartbyteranges`,
  curl: "curl -r 0-9,20-29 http://127.0.0.1:8080/digits.txt",
};

/** The bytes a segment list stands for, over the given file content. */
function render(segments: readonly BodySegment[], file: string): string {
  return segments
    .map((s) =>
      s.kind === "text"
        ? Buffer.from(s.bytes).toString("latin1")
        : file.slice(s.range.first, s.range.last + 1),
    )
    .join("");
}

interface Part {
  readonly headers: Record<string, string>;
  readonly data: string;
}

/**
 * An independent multipart parser (RFC 2046 §5.1.1), strict about CRLFs:
 * it splits on "\r\n--boundary" and checks the preamble and the close.
 */
function parseMultipart(body: string, boundary: string): Part[] {
  const delimiter = `\r\n--${boundary}`;
  expectTrue(
    body.startsWith(`--${boundary}\r\n`),
    "body must open with the first delimiter",
    lesson,
  );
  expectTrue(body.endsWith(`${delimiter}--\r\n`), "body must end with the close delimiter", lesson);
  const inner = `\r\n${body}`.slice(0, -`${delimiter}--\r\n`.length);
  return inner
    .split(delimiter)
    .slice(1)
    .map((chunk) => {
      expectTrue(chunk.startsWith("\r\n"), "a CRLF must follow each delimiter", lesson);
      const end = chunk.indexOf("\r\n\r\n");
      const headers: Record<string, string> = {};
      for (const line of chunk.slice(2, end).split("\r\n")) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      return { headers, data: chunk.slice(end + 4) };
    });
}

describe("multipart/byteranges framing", () => {
  test("the RFC 9110 §14.6 layout, byte for byte", () => {
    const segments = multipartSegments(
      [
        { first: 0, last: 2 },
        { first: 7, last: 9 },
      ],
      10,
      "text/plain",
      "B",
    );
    const expected =
      "--B\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-2/10\r\n\r\n012" +
      "\r\n--B\r\nContent-Type: text/plain\r\nContent-Range: bytes 7-9/10\r\n\r\n789" +
      "\r\n--B--\r\n";
    expectBytes(render(segments, "0123456789"), expected, lesson, "multipart body");
    expect(segmentsLength(segments)).toBe(expected.length);
  });

  test("parts parse back to the requested slices, in request order", () => {
    const ranges = [
      { first: 900, last: 949 },
      { first: 0, last: 9 },
      { first: 500, last: 500 },
    ];
    const body = render(multipartSegments(ranges, 1000, "text/plain", "sep"), DIGITS);
    const parts = parseMultipart(body, "sep");
    expect(parts.map((p) => p.headers["content-range"])).toEqual([
      "bytes 900-949/1000",
      "bytes 0-9/1000",
      "bytes 500-500/1000",
    ]);
    parts.forEach((p, i) => {
      const r = ranges[i]!;
      expectBytes(p.data, DIGITS.slice(r.first, r.last + 1), lesson, `part ${i} data`);
      expect(p.headers["content-type"]).toBe("text/plain");
    });
  });
});

describe("serveStatic: a multi-range GET", () => {
  let site: Site;
  beforeAll(async () => {
    site = await makeSite();
  });
  afterAll(() => site.remove());

  for (const cache of [false, undefined] as const) {
    test(`206 multipart/byteranges with a matching Content-Length (cache ${cache === false ? "off" : "on"})`, async () => {
      const handler = serveStatic(site.root, cache === false ? { cache: false } : {});
      const res = await handler(request("/digits.txt", { range: "bytes=0-9,-5,500-519" }));
      expect(res.status).toBe(206);
      const type = header(res, "content-type") ?? "";
      const m = /^multipart\/byteranges; boundary=([!-~]{1,70})$/.exec(type);
      expectTrue(
        m !== null,
        `Content-Type must be multipart/byteranges with a boundary: ${type}`,
        lesson,
      );
      const body = (await bodyBytes(res)).toString("latin1");
      expect(Number(header(res, "content-length"))).toBe(body.length);
      expect(header(res, "content-range")).toBeUndefined();
      const parts = parseMultipart(body, m[1]!);
      expect(parts.map((p) => [p.headers["content-range"], p.data])).toEqual([
        ["bytes 0-9/1000", "0123456789"],
        ["bytes 995-999/1000", "56789"],
        ["bytes 500-519/1000", DIGITS.slice(500, 520)],
      ]);
      expect(parts[0]!.headers["content-type"]).toBe("text/plain; charset=utf-8");
    });
  }
});
