/**
 * Chapter 04's BodyDecoderFactory: the decoder for each framing chapter
 * 02's bodyFraming chose (RFC 9112 §6.3), with the body limit applied as
 * early as the framing allows.
 *
 * - Content-Length: the size is known before a byte of content arrives,
 *   so an oversized body is refused at the head with 413 and never read.
 * - chunked: the size is learned chunk by chunk; the decoder refuses the
 *   first chunk-size that takes the total past the limit.
 */
import type { RequestHead } from "#ch02/request-head-parser.ts";
import type {
  BodyDecoder,
  BodyDecoderFactory,
  BodyFramingWithContent,
  ConnectionError,
} from "#ch03/body-decoder.ts";
import { bodyError } from "./body-errors.ts";
import { type BodyLimits, resolveBodyLimits } from "./body-limits.ts";
import { ChunkedDecoder } from "./chunked-decoder.ts";
import { ContentLengthDecoder } from "./length-decoder.ts";

/**
 * Refuses a declared Content-Length over the limit before reading it:
 * 413 Content Too Large (RFC 9110 §15.5.14). The server closes after the
 * 413, so the unread content cannot be mistaken for the next request.
 *
 * @exercise
 * @hint nudge: the limit is inclusive: a body of exactly maxBodyBytes is fine.
 * @hint concept: compare the declared length with the limit; return the BODY_TOO_LARGE error or undefined.
 * @hint solution: return length > maxBodyBytes ? bodyError("BODY_TOO_LARGE") : undefined;
 */
export function checkDeclaredLength(
  length: number,
  maxBodyBytes: number,
): ConnectionError | undefined {
  return length > maxBodyBytes ? bodyError("BODY_TOO_LARGE") : undefined;
}

/** The factory chapter 03's connection calls once per body. */
export function bodyDecoders(limits: Partial<BodyLimits> = {}): BodyDecoderFactory {
  const resolved = resolveBodyLimits(limits);
  return (_head: RequestHead, framing: BodyFramingWithContent): BodyDecoder | ConnectionError => {
    if (framing.kind === "chunked") return new ChunkedDecoder(resolved);
    return (
      checkDeclaredLength(framing.length, resolved.maxBodyBytes) ??
      new ContentLengthDecoder(framing.length)
    );
  };
}
