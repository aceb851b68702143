/**
 * Chunked framing for responses whose length we learn only at the end
 * (RFC 9112 §7.1). Each piece the handler yields becomes one chunk:
 *
 *     1a\r\n<26 bytes>\r\n ... 0\r\n<trailer fields>\r\n
 *
 * An empty piece must produce no bytes at all: a chunk of size zero is
 * the last-chunk, and would end the body early. This is chapter 03's
 * StreamFraming seam, filled in.
 */
import { Buffer } from "node:buffer";
import type { HeaderList } from "#ch03/message.ts";
import { isFieldName, isSafeFieldValue } from "#ch03/response-head.ts";
import type { ResponseFramer, StreamFraming } from "#ch03/response-framer.ts";
import { PROHIBITED_TRAILERS } from "./trailer-fields.ts";

const CRLF = "\r\n";
const NOTHING = new Uint8Array(0);

/**
 * One chunk on the wire: the size in hex, CRLF, the data, CRLF. Empty
 * data gives no bytes (a zero size would be read as the last-chunk).
 *
 * @exercise
 * @hint nudge: 26 bytes of data start with "1a\r\n"; what must an empty piece
 *   turn into?
 * @hint concept: RFC 9112 §7.1: chunk = chunk-size CRLF chunk-data CRLF, the
 *   size in hex. A size of 0 is the last-chunk, which ends the body: so empty
 *   data must produce nothing at all. One buffer keeps it to one write.
 * @hint solution: empty data gives the shared empty array. Otherwise build the
 *   size line (length in hex, CRLF), allocate one buffer for line + data +
 *   CRLF, and write the three parts at their offsets (latin1 for the text).
 */
export function encodeChunk(data: Uint8Array): Uint8Array {
  if (data.byteLength === 0) return NOTHING;
  const size = `${data.byteLength.toString(16)}${CRLF}`;
  const out = Buffer.allocUnsafe(size.length + data.byteLength + CRLF.length);
  out.write(size, 0, "latin1");
  out.set(data, size.length);
  out.write(CRLF, size.length + data.byteLength, "latin1");
  return out;
}

/**
 * The end of a chunked body: last-chunk, trailer fields, the final CRLF.
 * Trailers that are prohibited (RFC 9110 §6.5.1) or unsafe to serialize
 * (a CR or LF in a value would split the response) are left out: the
 * head is long gone, so there is nobody left to report an error to.
 */
export function encodeLastChunk(trailers: HeaderList | undefined): Uint8Array {
  let text = `0${CRLF}`;
  for (const [name, value] of trailers ?? []) {
    const lower = name.toLowerCase();
    if (PROHIBITED_TRAILERS.has(lower) || !isFieldName(lower)) continue;
    if (!isSafeFieldValue(value)) continue;
    text += `${lower}: ${value}${CRLF}`;
  }
  return Buffer.from(text + CRLF, "latin1");
}

const CHUNKED: StreamFraming = Object.freeze({
  headers: [["transfer-encoding", "chunked"]] as const,
  encode: encodeChunk,
  finish: encodeLastChunk,
});

/**
 * Chapter 04's ResponseFramer: chunked on HTTP/1.1. An HTTP/1.0 client
 * does not know the chunked coding (RFC 9112 §6.1: a server MUST NOT
 * send it to one), so its stream stays close-delimited.
 */
export const chunkedFramer: ResponseFramer = (context) =>
  context.version === "HTTP/1.1" ? CHUNKED : undefined;
