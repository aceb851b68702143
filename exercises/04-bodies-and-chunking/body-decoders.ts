// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * Refuses a declared Content-Length over the limit before reading it:
 * 413 Content Too Large (RFC 9110 §15.5.14). The server closes after the
 * 413, so the unread content cannot be mistaken for the next request.
 * The limit is inclusive: exactly maxBodyBytes is accepted.
 *
 * @exercise
 */
export function checkDeclaredLength(
  length: number,
  maxBodyBytes: number,
): ConnectionError | undefined {
  throw new NotImplemented({
    chapter: "04",
    name: "checkDeclaredLength",
    file: "exercises/04-bodies-and-chunking/body-decoders.ts",
    hint: "the size is declared before a byte of content arrives, so the refusal can come before reading.",
  });
}

/**
 * A decoder for the framing, before any Expect is considered.
 *
 * @exercise
 */
function decoderFor(
  framing: BodyFramingWithContent,
  limits: BodyLimits,
): BodyDecoder | ConnectionError {
  throw new NotImplemented({
    chapter: "04",
    name: "decoderFor",
    file: "exercises/04-bodies-and-chunking/body-decoders.ts",
    hint: "two framings carry content: chunked and a Content-Length.",
  });
}

/** The same decoder, carrying the interim response its client awaits. */
function withInterim(decoder: BodyDecoder, interim: Uint8Array): BodyDecoder {
  return { interim, decode: (input) => decoder.decode(input) };
}

/**
 * The factory chapter 03's connection calls once per body.
 *
 * @exercise
 */
export function bodyDecoders(
  limits: Partial<BodyLimits> = {},
): BodyDecoderFactory {
  throw new NotImplemented({
    chapter: "04",
    name: "bodyDecoders",
    file: "exercises/04-bodies-and-chunking/body-decoders.ts",
    hint: "the factory decides two things before any content is read: Expect, then which decoder.",
  });
}
