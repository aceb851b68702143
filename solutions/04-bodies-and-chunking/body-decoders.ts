/**
 * Chapter 04's BodyDecoderFactory: the decoder for each framing chapter
 * 02's bodyFraming chose (RFC 9112 §6.3), with the body limit applied as
 * early as the framing allows.
 *
 * - Content-Length: the size is known before a byte of content arrives,
 *   so an oversized body is refused at the head with 413 and never read.
 * - chunked: the size is learned chunk by chunk; the decoder refuses the
 *   first chunk-size that takes the total past the limit.
 *
 * The factory is also where `Expect` is decided (expectation.ts): it sees
 * the head before a byte of content is read, so it can refuse with 417 or
 * give the decoder the `100 Continue` the connection will send on first
 * read. (A request without content has nothing to continue; its Expect is
 * left alone, which RFC 9110 §10.1.1's "MAY respond with 417" allows.)
 */
import type { RequestHead } from "#ch02/request-head-parser.ts";
import type {
  BodyDecoder,
  BodyDecoderFactory,
  BodyFramingWithContent,
  ConnectionError,
} from "#ch03/body-decoder.ts";
import { bodyError } from "./body-errors.ts";
import { expectationFor } from "./expectation.ts";
import { type BodyLimits, resolveBodyLimits } from "./body-limits.ts";
import { ChunkedDecoder } from "./chunked-decoder.ts";
import { ContentLengthDecoder } from "./length-decoder.ts";

/**
 * Refuses a declared Content-Length over the limit before reading it:
 * 413 Content Too Large (RFC 9110 §15.5.14). The server closes after the
 * 413, so the unread content cannot be mistaken for the next request.
 * The limit is inclusive: exactly maxBodyBytes is accepted.
 *
 * @exercise
 * @hint nudge: the size is declared before a byte of content arrives, so the
 *   refusal can come before reading.
 * @hint concept: over the limit is a BODY_TOO_LARGE error (413, RFC 9110
 *   §15.5.14); exactly the limit is fine.
 * @hint solution: one comparison, returning bodyError or undefined.
 */
export function checkDeclaredLength(
  length: number,
  maxBodyBytes: number,
): ConnectionError | undefined {
  return length > maxBodyBytes ? bodyError("BODY_TOO_LARGE") : undefined;
}

/**
 * A decoder for the framing, before any Expect is considered.
 *
 * @exercise
 * @hint nudge: two framings carry content: chunked and a Content-Length.
 * @hint concept: chunked gets a ChunkedDecoder with the limits (it refuses
 *   later, chunk by chunk); a length is checked against the limit first and
 *   only then counted down by a ContentLengthDecoder.
 * @hint solution: branch on framing.kind; for a length return the error from
 *   checkDeclaredLength if there is one, else a new ContentLengthDecoder.
 */
function decoderFor(
  framing: BodyFramingWithContent,
  limits: BodyLimits,
): BodyDecoder | ConnectionError {
  if (framing.kind === "chunked") return new ChunkedDecoder(limits);
  return (
    checkDeclaredLength(framing.length, limits.maxBodyBytes) ??
    new ContentLengthDecoder(framing.length)
  );
}

/** The same decoder, carrying the interim response its client awaits. */
function withInterim(decoder: BodyDecoder, interim: Uint8Array): BodyDecoder {
  return { interim, decode: (input) => decoder.decode(input) };
}

/**
 * The factory chapter 03's connection calls once per body.
 *
 * @exercise
 * @hint nudge: the factory decides two things before any content is read:
 *   Expect, then which decoder.
 * @hint concept: resolve the limits once. Per request, expectationFor: a
 *   refusal is its 417. Else pick the decoder; an error, or nothing to send
 *   first, goes back as it is; otherwise withInterim wraps it, so 100 Continue
 *   goes out at the first read (RFC 9110 §10.1.1).
 * @hint solution: return a closure over the resolved limits that calls
 *   expectationFor, then decoderFor, checks whether the result has a decode
 *   method, and wraps it with the expectation's bytes when it is interim.
 */
export function bodyDecoders(
  limits: Partial<BodyLimits> = {},
): BodyDecoderFactory {
  const resolved = resolveBodyLimits(limits);
  return (
    head: RequestHead,
    framing: BodyFramingWithContent,
  ): BodyDecoder | ConnectionError => {
    const expectation = expectationFor(head);
    if (expectation.kind === "refuse") return expectation.error;
    const decoder = decoderFor(framing, resolved);
    if (!("decode" in decoder) || expectation.kind === "none") return decoder;
    return withInterim(decoder, expectation.bytes);
  };
}
