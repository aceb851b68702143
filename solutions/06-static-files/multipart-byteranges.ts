/**
 * multipart/byteranges (RFC 9110 §14.6): several ranges in one response.
 *
 *     --BOUNDARY\r\n
 *     Content-Type: text/plain; charset=utf-8\r\n
 *     Content-Range: bytes 0-99/1000\r\n
 *     \r\n
 *     <100 bytes of the file>\r\n
 *     --BOUNDARY\r\n
 *     ...
 *     <last part's bytes>\r\n
 *     --BOUNDARY--\r\n
 *
 * The body is a list of segments: framing text we make, and slices of the
 * file we stream. Knowing every segment's length up front lets us send a
 * Content-Length, so the client sees a progress bar and the connection
 * needs no chunked framing.
 */
import { Buffer } from "node:buffer";
import { randomBytes } from "node:crypto";
import type { ByteRange } from "./satisfiable-ranges.ts";

export type BodySegment =
  | { readonly kind: "text"; readonly bytes: Uint8Array }
  | { readonly kind: "file"; readonly range: ByteRange };

/**
 * A boundary must not occur inside any part (RFC 2046 §5.1.1). We cannot
 * scan a file we have not read, so we make collision astronomically
 * unlikely instead: 96 random bits, hex, under the 70-character limit.
 */
export function makeBoundary(): string {
  return `handshake-${randomBytes(12).toString("hex")}`;
}

/** The Content-Range value for one range (RFC 9110 §14.4). */
export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.first}-${range.last}/${size}`;
}

const text = (s: string): BodySegment => ({
  kind: "text",
  bytes: Buffer.from(s, "latin1"),
});

/**
 * Lays out a multipart/byteranges body: for each range a delimiter, the
 * part's Content-Type and Content-Range, a blank line and the file slice;
 * then the close delimiter. The CRLF before each delimiter belongs to the
 * delimiter (RFC 2046 §5.1.1), not to the part's data.
 *
 * @exercise
 * @hint nudge: write the example from RFC 9110 §14.6 out byte by byte; where
 *   does each CRLF go?
 * @hint concept: every delimiter after the first is preceded by CRLF; each part
 *   has two header lines and an empty line; the body ends with "--" boundary
 *   "--" CRLF.
 * @hint solution: per range, a text segment (a CRLF before every boundary but
 *   the first, the dash-dash boundary line, Content-Type, Content-Range, an
 *   empty line), then a file segment; after the loop, the closing boundary with
 *   two trailing dashes.
 */
export function multipartSegments(
  ranges: readonly ByteRange[],
  size: number,
  contentType: string,
  boundary: string,
): readonly BodySegment[] {
  const segments: BodySegment[] = [];
  ranges.forEach((range, i) => {
    const head =
      `${i === 0 ? "" : "\r\n"}--${boundary}\r\n` +
      `Content-Type: ${contentType}\r\n` +
      `Content-Range: ${contentRange(range, size)}\r\n\r\n`;
    segments.push(text(head), { kind: "file", range });
  });
  segments.push(text(`\r\n--${boundary}--\r\n`));
  return segments;
}

/**
 * Total bytes of a segment list: the response's Content-Length.
 *
 * @exercise
 * @hint nudge: Content-Length must be known before the first byte of the body:
 *   add up the segments.
 * @hint concept: a text segment counts its bytes; a file segment counts its
 *   inclusive range, last - first + 1.
 * @hint solution: sum over the segments with those two cases.
 */
export function segmentsLength(segments: readonly BodySegment[]): number {
  let total = 0;
  for (const s of segments) {
    total +=
      s.kind === "text" ? s.bytes.length : s.range.last - s.range.first + 1;
  }
  return total;
}
