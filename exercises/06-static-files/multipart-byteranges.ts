// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function multipartSegments(
  ranges: readonly ByteRange[],
  size: number,
  contentType: string,
  boundary: string,
): readonly BodySegment[] {
  throw new NotImplemented({
    chapter: "06",
    name: "multipartSegments",
    file: "exercises/06-static-files/multipart-byteranges.ts",
    hint: "write the example from RFC 9110 §14.6 out byte by byte; where does each CRLF go?",
  });
}

/**
 * Total bytes of a segment list: the response's Content-Length.
 *
 * @exercise
 */
export function segmentsLength(segments: readonly BodySegment[]): number {
  throw new NotImplemented({
    chapter: "06",
    name: "segmentsLength",
    file: "exercises/06-static-files/multipart-byteranges.ts",
    hint: "Content-Length must be known before the first byte of the body: add up the segments.",
  });
}
