// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  respond(request: HttpRequest, snapshot: FileSnapshot): HttpResponse {
    throw new NotImplemented({
      chapter: "06",
      name: "HeldResponses.respond",
      file: "exercises/06-static-files/held-response.ts",
      hint: "the answer may be kept only while nothing it depends on can change: the bytes, the request's method, and the clock.",
    });
  }
}
