/**
 * The whole-file answer of a held file, built once per version of it.
 *
 *     GET or HEAD, no Range, no variant, bytes held ─▶ answer kept for
 *       these bytes? ─yes─▶ the same frozen response again
 *                     └─no──▶ fileResponse, frozen, kept
 *     anything else ─▶ fileResponse, as before
 *
 * A file in the memory tier (small-file-cache.ts) gets the same 200 on
 * every request until it changes: the same status, fields and bytes.
 * Building it per request formatted its Last-Modified, made its ETag and
 * a new field list, and handed every later layer a new object to copy and
 * chapter 03 a new head to encode. So it is built once and kept with its
 * bytes. Freshness stays the cache's: a file that changed on disk is read
 * into new bytes (the cache drops the old ones when a stat differs), and
 * new bytes find no answer here. The answer is deeply frozen, so chapters
 * 08 and 10 find their copies of it in one lookup each and chapter 03
 * reuses its encoding while its Date stays the same second
 * (#ch03/encoded-response-cache.ts).
 */
import { getHeader } from "#ch02/header-list.ts";
import { frozenCopy, immutableBytes } from "#ch03/encoded-response-cache.ts";
import type { HttpRequest, HttpResponse } from "#ch03/message.ts";
import { type FileSnapshot, fileResponse } from "./file-response.ts";
import type { ResolvedStaticOptions } from "./static-options.ts";

/** The answers kept for one version of a file, by method. */
interface Answers {
  get: HttpResponse | undefined;
  head: HttpResponse | undefined;
}

/** A response frozen all the way down; its body bytes declared so. */
function frozen(response: HttpResponse): HttpResponse {
  const { body } = response;
  if (body instanceof Uint8Array) immutableBytes(body);
  return frozenCopy(response);
}

export class HeldResponses {
  /** Keyed by the held bytes: they are the file's version. */
  readonly #answers = new WeakMap<Uint8Array, Answers>();
  readonly #options: ResolvedStaticOptions;

  constructor(options: ResolvedStaticOptions) {
    this.#options = options;
  }

  /**
   * fileResponse, kept for a held file's plain GET and HEAD. Not kept: a
   * Range (its answer depends on the field), a variant (its fields come
   * from the chooser), bytes that disagree with their stat, and a file
   * stamped later than now, whose Last-Modified is now (RFC 9110
   * §8.8.2.1) and so changes every second.
   *
   * @exercise
   * @hint nudge: the answer may be kept only while nothing it depends on can
   *   change: the bytes, the request's method, and the clock.
   * @hint concept: the held bytes are the file's version (a changed file is
   *   read into new bytes): key the answers by them, one per method. A Range,
   *   a variant, bytes not of the stat's size, or an mtime after now (RFC 9110
   *   §8.8.2.1: Last-Modified is then now) get a fresh fileResponse.
   * @hint solution: the five refusals first, each returning fileResponse. Then
   *   the Answers for these bytes (made empty if absent); for HEAD or GET,
   *   fill its slot once with frozen(fileResponse(...)) and return it.
   */
  respond(request: HttpRequest, snapshot: FileSnapshot): HttpResponse {
    const { bytes, identity } = snapshot;
    if (
      bytes === undefined ||
      bytes.byteLength !== identity.size ||
      snapshot.contentType !== undefined ||
      snapshot.headers !== undefined ||
      identity.mtimeMs > this.#options.now() ||
      getHeader(request.headers, "range") !== undefined
    ) {
      return fileResponse(request, snapshot, this.#options);
    }
    let answers = this.#answers.get(bytes);
    if (answers === undefined) {
      answers = { get: undefined, head: undefined };
      this.#answers.set(bytes, answers);
    }
    if (request.method === "HEAD") {
      answers.head ??= frozen(fileResponse(request, snapshot, this.#options));
      return answers.head;
    }
    answers.get ??= frozen(fileResponse(request, snapshot, this.#options));
    return answers.get;
  }
}
