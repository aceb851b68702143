/**
 * Whether to compress one response, and whether it must say
 * `Vary: Accept-Encoding` either way.
 *
 *     already has Content-Encoding   → skip  (someone encoded it already)
 *     1xx, 204, 304                  → skip  (no content)
 *     Cache-Control: no-transform    → skip  (RFC 9110 §7.7)
 *     type not compressible          → skip  (images, video, archives)
 *     ─────────── from here on, the response varies ───────────
 *     206 Partial Content            → skip, but Vary (a range of the
 *                                       identity bytes; RFC 9110 §15.3.7:
 *                                       a 206 carries the Vary a 200 would)
 *     smaller than the threshold     → skip, but Vary
 *     otherwise                      → compress, and Vary
 *
 * Whether the client accepts a coding is decided elsewhere (negotiate.ts):
 * this is a property of the response alone, so a GET and a HEAD for the
 * same resource get the same answer.
 */
import { Buffer } from "node:buffer";
import { getCombined, getHeader } from "#ch02/header-list.ts";
import type { HttpResponse } from "#ch03/message.ts";
import { isCompressibleType } from "./compressible-type.ts";

/**
 * Below this many bytes we do not compress. A gzip member costs 18 bytes
 * of header and trailer and a Brotli stream a few; under a kilobyte the
 * saving is a handful of bytes, often within the same TCP segment
 * (a 1460-byte MSS), while the CPU cost per response stays. 1 KiB is the
 * threshold the `compression` npm package uses; nginx's
 * gzip_min_length defaults to 20, which is too eager.
 */
export const COMPRESSION_THRESHOLD = 1024;

export type CompressDecision =
  | { readonly kind: "compress" }
  | {
      readonly kind: "skip";
      readonly reason: string;
      /** Add Vary: Accept-Encoding anyway: another answer could differ. */
      readonly vary: boolean;
    };

/** Statuses whose content we never encode. */
const UNTOUCHED_STATUS: ReadonlySet<number> = new Set([204, 304]);

/**
 * The size of the body in bytes, if known without reading it: a string or
 * byte array has one; a stream has its Content-Length, if any. A HEAD
 * response carries no body, only the Content-Length a GET would have had.
 */
export function knownLength(response: HttpResponse): number | undefined {
  const { body } = response;
  if (typeof body === "string") return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  const declared = getHeader(response.headers ?? [], "content-length");
  if (declared === undefined || !/^\d+$/.test(declared)) return undefined;
  return Number(declared);
}

/** True when Cache-Control carries the no-transform directive. */
export function forbidsTransform(response: HttpResponse): boolean {
  const value = getCombined(response.headers ?? [], "cache-control");
  if (value === undefined) return false; // the common case: nothing to split
  const directives = value.split(",").map((d) => d.trim().toLowerCase());
  return directives.includes("no-transform");
}

/**
 * Decides for one response. `threshold` is in bytes; a body of unknown
 * length (a stream without Content-Length) is assumed to be large.
 *
 * @exercise
 * @hint nudge: some responses must never be touched, some are not worth it, and
 *   only some of those may differ per client.
 * @hint concept: RFC 9110 §8.4: an existing Content-Encoding is left alone;
 *   1xx, 204 and 304 carry no content (§6.4.1); RFC 9111 §5.2.2.6: no-transform
 *   forbids changes. A 206 (§14) or a small body is skipped, with Vary: it
 *   depends on Accept-Encoding (§12.5.5).
 * @hint solution: return early in the order of the concept hint: already
 *   encoded, a status that carries no content, no-transform, a type not worth
 *   compressing, a 206 (and say whether the answer varies in each case), then a
 *   known length under the threshold; what survives is compress.
 */
export function shouldCompress(
  response: HttpResponse,
  threshold: number = COMPRESSION_THRESHOLD,
): CompressDecision {
  const headers = response.headers ?? [];
  const skip = (reason: string, vary = false): CompressDecision => ({
    kind: "skip",
    reason,
    vary,
  });
  const encoding = getHeader(headers, "content-encoding");
  if (encoding !== undefined && encoding.trim().toLowerCase() !== "identity") {
    return skip("already encoded");
  }
  if (response.status < 200 || UNTOUCHED_STATUS.has(response.status)) {
    return skip(`status ${response.status}`);
  }
  if (forbidsTransform(response)) return skip("Cache-Control: no-transform");
  if (!isCompressibleType(getHeader(headers, "content-type"))) {
    return skip("type not compressible");
  }
  if (response.status === 206)
    return skip("a range of the identity bytes", true);
  const length = knownLength(response);
  if (length !== undefined && length < threshold) {
    return skip("below threshold", true);
  }
  return { kind: "compress" };
}
