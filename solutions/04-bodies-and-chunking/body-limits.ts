/**
 * Every bound on a request body, named, with why that value. All of them
 * are configurable through BodyLimits (see bodyOptions in body-options.ts).
 *
 * A body is the one part of a request whose size the client chooses
 * freely, so each place where a body costs us memory or time has a cap.
 */

/**
 * 1 MiB of content per request, the demo's default. Enough for a form or a
 * JSON document; an upload service raises it. nginx's client_max_body_size
 * defaults to 1 MiB too. Over it: 413 Content Too Large (RFC 9110 §15.5.14).
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * 16 hex digits in a chunk-size. Number.MAX_SAFE_INTEGER (2^53 - 1) has
 * 14; anything longer is either an overflow attempt or absurd zero
 * padding. Parsers that let chunk-size wrap around (a 64-bit overflow
 * turning a huge size into a small one) have been smuggled through.
 */
export const MAX_CHUNK_SIZE_DIGITS = 16;

/**
 * 4 KiB of chunk extensions per chunk. Nobody sends them in practice, and
 * a server that buffers them without bound can be made to hold gigabytes
 * that count against no body limit (CVE-2024-22019, Node.js).
 */
export const MAX_CHUNK_EXTENSION_BYTES = 4 * 1024;

/** 16 KiB of trailer section, the same budget chapter 02 gives a head. */
export const MAX_TRAILER_BYTES = 16 * 1024;

/** 32 trailer fields; real senders use one or two (a checksum, a status). */
export const MAX_TRAILER_FIELDS = 32;

/**
 * 64 KiB of unread body the server will read and throw away to keep a
 * connection in sync after the handler answered without reading it.
 * Beyond that, closing is cheaper than reading (RFC 9112 §9.6).
 */
export const MAX_DRAIN_BYTES = 64 * 1024;

export interface BodyLimits {
  readonly maxBodyBytes: number;
  readonly maxChunkSizeDigits: number;
  readonly maxChunkExtensionBytes: number;
  readonly maxTrailerBytes: number;
  readonly maxTrailerFields: number;
  readonly maxDrainBytes: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  maxBodyBytes: MAX_BODY_BYTES,
  maxChunkSizeDigits: MAX_CHUNK_SIZE_DIGITS,
  maxChunkExtensionBytes: MAX_CHUNK_EXTENSION_BYTES,
  maxTrailerBytes: MAX_TRAILER_BYTES,
  maxTrailerFields: MAX_TRAILER_FIELDS,
  maxDrainBytes: MAX_DRAIN_BYTES,
};

/** Defaults overlaid with what the caller set. */
export function resolveBodyLimits(
  limits: Partial<BodyLimits> = {},
): BodyLimits {
  return { ...DEFAULT_BODY_LIMITS, ...limits };
}
