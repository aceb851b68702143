/**
 * Compression as middleware: negotiate, ask the handler, then encode the
 * response on its way out if it is worth it.
 *
 *     request ─▶ parse Accept-Encoding ─▶ choose coding ─▶ handler
 *                      │ malformed: 400                     │
 *     response ◀─ preconditions ◀─ encode (or not) ◀─ shouldCompress
 *                 (on the final       + Vary, ETag-suffix,
 *                  representation)      no Content-Length
 *
 * Preconditions (If-None-Match, ...) are evaluated here, outside the
 * encoding, with chapter 07's `conditional`, and hidden from the handler.
 * The client's tag names the representation it holds, `"x-gzip"` or
 * `"x"`, and only after encoding do we know which one this response is.
 * The handler's own check would compare `"x-gzip"` with `"x"` and never
 * match, or match `"x"` when the client holds plain bytes and would now
 * get gzip. The compressed body is lazy, so a 304 costs no zlib work.
 */
import {
  getCombined,
  getHeader,
  removeHeader,
  setHeader,
} from "#ch02/header-list.ts";
import { isThenable } from "#ch03/is-thenable.ts";
import { isImmutableResponse } from "#ch03/encoded-response-cache.ts";
import type { HeaderList, HttpRequest, HttpResponse } from "#ch03/message.ts";
import {
  conditional,
  hasPreconditions,
  PRECONDITION_FIELDS,
} from "#ch07/conditional.ts";
import type { Dependence } from "#ch05/answer-memo.ts";
import type { Middleware } from "#ch05/middleware.ts";
import { parseAcceptEncoding } from "./accept-encoding.ts";
import {
  CODING_PREFERENCE,
  type Coding,
  type CompressionLevels,
  createEncoder,
  DYNAMIC_LEVELS,
  syncFlushKind,
} from "./codings.ts";
import { bodyChunks, compressStream } from "./compress-stream.ts";
import { suffixEntityTag } from "./entity-tag-suffix.ts";
import { chooseEncoding, type EncodingChoice } from "./negotiate.ts";
import {
  COMPRESSION_THRESHOLD,
  type CompressDecision,
  knownLength,
  shouldCompress,
} from "./should-compress.ts";
import { mergeVary } from "./vary.ts";

export interface CompressionOptions {
  /** Codings to offer, best first. Default: br, gzip, deflate. */
  readonly codings?: readonly Coding[];
  /** zlib levels and Brotli quality; unset ones take DYNAMIC_LEVELS. */
  readonly levels?: Partial<CompressionLevels>;
  /** Bodies smaller than this (bytes) go out as they are. */
  readonly threshold?: number;
  /**
   * When the client excludes identity and accepts none of our codings:
   * "406" answers 406 Not Acceptable (RFC 9110 §15.5.7); "identity"
   * ignores the field, as §12.5.3 allows and most servers do. Default 406.
   */
  readonly notAcceptable?: "406" | "identity";
}

/** Fields the handler must not see: we evaluate them on our output. */
const PRECONDITIONS = [
  "if-match",
  "if-none-match",
  "if-modified-since",
  "if-unmodified-since",
];

/** Fields that describe the identity bytes and are wrong once encoded. */
const IDENTITY_ONLY = [
  "content-length",
  "accept-ranges",
  "content-digest",
  "repr-digest",
];

const removeOne = (h: HeaderList, name: string): HeaderList =>
  removeHeader(h, name);

/** GET and HEAD: the methods whose preconditions we evaluate ourselves. */
const isSafe = (r: HttpRequest): boolean =>
  r.method === "GET" || r.method === "HEAD";

function plainText(
  status: 400 | 406,
  text: string,
  headers: HeaderList = [],
): HttpResponse {
  const typed = setHeader(headers, "content-type", "text/plain; charset=utf-8");
  return { status, headers: typed, body: `${text}\n` };
}

/**
 * The headers of the `coding` representation of `response`.
 *
 * @exercise
 * @hint nudge: an encoded response is a different representation: fields that
 *   described the identity bytes are now wrong.
 * @hint concept: drop the identity-only fields, set Content-Encoding, add
 *   Accept-Encoding to Vary (RFC 9110 §12.5.5), and suffix the ETag with the
 *   coding so the two representations differ (§8.8.3); a tag that cannot be
 *   suffixed is removed, not shared.
 * @hint solution: remove each IDENTITY_ONLY field, set content-encoding to the
 *   coding and merge Accept-Encoding into Vary (mergeVary). Read the ETag:
 *   none, done; suffixEntityTag it with the coding, and set the new tag, or
 *   remove the ETag when it cannot be suffixed.
 */
export function encodedHeaders(fields: HeaderList, coding: Coding): HeaderList {
  const stripped = IDENTITY_ONLY.reduce(removeOne, fields);
  const coded = setHeader(stripped, "content-encoding", coding);
  const out = mergeVary(coded, "Accept-Encoding");
  const etag = getCombined(fields, "etag");
  if (etag === undefined) return out;
  const tagged = suffixEntityTag(etag, coding);
  if (tagged === undefined) return removeHeader(out, "etag");
  return setHeader(out, "etag", tagged);
}

/**
 * The response, encoded with `coding`; for HEAD, its headers only.
 *
 * @exercise
 * @hint nudge: a HEAD answer must carry the same fields as the GET would, and
 *   no body.
 * @hint concept: encoded headers first. HEAD, or no body: the rest of the
 *   response with the new headers. Else a lazy compressed body: the encoder is
 *   made at the first read, sized by the known length if any, and flushed with
 *   the coding's sync flush.
 * @hint solution: the encodedHeaders first; split the body off the rest of the
 *   response. HEAD, or no body: the rest with the new headers. Otherwise a body
 *   from compressStream over bodyChunks, with a maker that calls createEncoder
 *   (coding, levels, knownLength) and the coding's syncFlushKind.
 */
function encode(
  request: HttpRequest,
  response: HttpResponse,
  coding: Coding,
  levels: CompressionLevels,
): HttpResponse {
  const headers = encodedHeaders(response.headers ?? [], coding);
  const { body, ...rest } = response;
  // HEAD: the fields a GET would get, and nothing compressed (§9.3.2).
  if (request.method === "HEAD" || body === undefined)
    return { ...rest, headers };
  const sizeHint = knownLength(response);
  const make = () => createEncoder(coding, levels, sizeHint);
  const encoded = compressStream(bodyChunks(body), make, syncFlushKind(coding));
  return { ...rest, headers, body: encoded };
}

interface Resolved {
  readonly codings: readonly Coding[];
  readonly levels: CompressionLevels;
  readonly threshold: number;
  readonly notAcceptable: "406" | "identity";
  /** shouldCompress with this threshold, memoized for constant responses. */
  readonly decide: (response: HttpResponse) => Outcome;
}

/**
 * Decides and applies, given the negotiated choice and the response.
 *
 * @exercise
 * @hint nudge: three outcomes: refuse with 406, encode, or pass the response
 *   through (perhaps with a Vary).
 * @hint concept: ask shouldCompress. A 2xx that would be encoded or varies,
 *   with no acceptable coding, is a 406 listing ours if the option says so (RFC
 *   9110 §15.5.7). Worth it with a coding: encode. Else as it is, with Vary
 *   when the answer depends on it (§12.5.5).
 * @hint solution: decide once. No acceptable coding, a 2xx, the 406 option, and
 *   a decision to compress or to vary: a 406 text naming our codings and
 *   identity, with Vary. A chosen coding: encode. Otherwise the response, or
 *   when it compresses or varies the outcome's copy with Vary (withVary, once).
 */
function finish(
  request: HttpRequest,
  response: HttpResponse,
  choice: EncodingChoice,
  opts: Resolved,
): HttpResponse {
  const outcome = opts.decide(response);
  const { decision } = outcome;
  const ok = response.status >= 200 && response.status < 300;
  if (choice.kind === "none" && ok && opts.notAcceptable === "406") {
    if (decision.kind === "compress" || decision.vary) {
      const offer = [...opts.codings, "identity"].join(", ");
      const vary = mergeVary([], "Accept-Encoding");
      return plainText(
        406,
        `Not Acceptable: this resource is available as ${offer}`,
        vary,
      );
    }
  }
  if (decision.kind === "compress" && choice.kind === "coding") {
    return encode(request, response, choice.coding, opts.levels);
  }
  const varies = decision.kind === "compress" || decision.vary;
  if (!varies) return response;
  outcome.varied ??= withVary(response);
  return outcome.varied;
}

/**
 * What the middleware learned about one response: whether to compress it
 * and, once needed, its copy with Vary. For a deeply frozen response both
 * are kept together, so a constant response costs one lookup here.
 */
interface Outcome {
  readonly decision: CompressDecision;
  varied: HttpResponse | undefined;
  /** What finish answers a request without Accept-Encoding, once known. */
  plain: HttpResponse | undefined;
}

/**
 * shouldCompress, decided once per constant response (one memo per
 * middleware, since the threshold is its own): for a deeply frozen object
 * the answer cannot change, so a route that answers with one (as /hello
 * does) costs one WeakMap lookup here, not five field scans, and the same
 * lookup finds its copy with Vary. The last one found is kept in front of
 * the WeakMap: a route answering the same object again costs one identity
 * comparison.
 */
function decider(threshold: number): (response: HttpResponse) => Outcome {
  const outcomes = new WeakMap<HttpResponse, Outcome>();
  let last: HttpResponse | undefined;
  let lastOutcome: Outcome | undefined;
  return (response) => {
    if (response === last) return lastOutcome as Outcome;
    const known = outcomes.get(response);
    if (known !== undefined) {
      last = response;
      lastOutcome = known;
      return known;
    }
    const decision = shouldCompress(response, threshold);
    const outcome: Outcome = { decision, varied: undefined, plain: undefined };
    if (Object.isFrozen(response) && isImmutableResponse(response)) {
      outcomes.set(response, outcome);
    }
    return outcome;
  };
}

const VARY_ACCEPT_ENCODING = Object.freeze([
  "vary",
  "Accept-Encoding",
] as const);

/**
 * A copy with Vary added: frozen when the response is deeply frozen, and
 * then kept in its Outcome (see decider). A handler that answers with the
 * same deeply frozen object every time (a health check, /hello) gets the
 * same object back from this layer every time, so chapter 03 reuses its
 * encoded head instead of encoding it per request
 * (#ch03/encoded-response-cache.ts); a fresh copy per request would
 * defeat that.
 */
function withVary(response: HttpResponse): HttpResponse {
  const headers = varyOnAcceptEncoding(response.headers ?? []);
  if (!Object.isFrozen(response) || !isImmutableResponse(response)) {
    return { ...response, headers };
  }
  return Object.freeze({ ...response, headers: Object.freeze(headers) });
}

/** mergeVary, without splitting anything when there is no Vary yet. */
function varyOnAcceptEncoding(headers: HeaderList): HeaderList {
  if (getHeader(headers, "vary") === undefined)
    return [...headers, VARY_ACCEPT_ENCODING];
  return mergeVary(headers, "Accept-Encoding");
}

/** The request as the handler sees it: without preconditions. */
function withoutPreconditions(request: HttpRequest): HttpRequest {
  if (!hasPreconditions(request.headers)) return request;
  const headers = PRECONDITIONS.reduce(removeOne, request.headers);
  // The signal is a getter, made only when read (chapter 03): keep it lazy.
  return {
    ...request,
    headers,
    get signal() {
      return request.signal;
    },
  };
}

/** What one Accept-Encoding value negotiates: invalid, or a choice. */
type Negotiated =
  | { readonly kind: "invalid"; readonly reason: string }
  | { readonly kind: "choice"; readonly choice: EncodingChoice };

/**
 * Distinct Accept-Encoding values remembered with their negotiation.
 * Browsers send a handful ("gzip, deflate, br, zstd"), so parsing and
 * choosing happen once per value, not once per request; the memo is
 * dropped whole when a client sends many different ones.
 */
export const NEGOTIATION_MEMO_SIZE = 64;

/** No Accept-Encoding: identity is acceptable (RFC 9110 §12.5.3). */
const IDENTITY: EncodingChoice = Object.freeze({ kind: "identity" });

/** negotiate(value), memoized per distinct value (NEGOTIATION_MEMO_SIZE). */
function negotiation(
  codings: readonly Coding[],
): (value: string | undefined) => Negotiated {
  const none: Negotiated = {
    kind: "choice",
    choice: chooseEncoding(undefined, codings),
  };
  const memo = new Map<string, Negotiated>();
  return (value) => {
    if (value === undefined) return none;
    let known = memo.get(value);
    if (known === undefined) {
      const parsed = parseAcceptEncoding(value);
      known =
        parsed.kind === "invalid"
          ? parsed
          : {
              kind: "choice",
              choice: chooseEncoding(parsed.preferences, codings),
            };
      if (memo.size >= NEGOTIATION_MEMO_SIZE) memo.clear();
      memo.set(value, known);
    }
    return known;
  };
}

/**
 * Accept-Encoding as a cache's secondary key (RFC 9111 §4.1 lets a cache
 * normalize the fields Vary names): the coding the value negotiates with
 * `codings`. `gzip, deflate, br`, `br` and `br;q=1, gzip;q=0.8` all key
 * "br", so chapter 07 stores one Brotli copy for all of them; an absent
 * field and `identity` both key "identity".
 *
 * @exercise
 * @hint nudge: two Accept-Encoding values that would get the same bytes
 *   should get the same key.
 * @hint concept: RFC 9111 §4.1 lets a cache normalise what Vary names as far as
 *   the field's definition allows: key by the coding RFC 9110 §12.5.3 picks
 *   among ours (memoized). An invalid value keys apart from every valid one;
 *   identity and none key by kind.
 * @hint solution: make the negotiator once (negotiation with the codings,
 *   memoized) and return a function of the value: an invalid value keys as
 *   "invalid " followed by the value itself; a chosen coding keys as its name;
 *   identity and none as their kind.
 */
export function acceptEncodingKey(
  codings: readonly Coding[] = CODING_PREFERENCE,
): (value: string | undefined) => string {
  const negotiate = negotiation(codings);
  return (value) => {
    const negotiated = negotiate(value);
    if (negotiated.kind === "invalid") return `invalid ${value}`;
    const { choice } = negotiated;
    return choice.kind === "coding" ? choice.coding : choice.kind;
  };
}

/**
 * What compression's answer depends on (chapter 05's answer memo):
 * Accept-Encoding, and the preconditions it checks on the encoded
 * response. The rest is the response beneath and the method.
 */
export const COMPRESSION_DEPENDS: Dependence = Object.freeze({
  fields: ["accept-encoding", ...PRECONDITION_FIELDS],
});

/**
 * Compression for every handler behind it.
 *
 * @exercise
 * @hint nudge: a middleware is a function from the next handler to a new
 *   handler; this one works before and after calling next.
 * @hint concept: resolve the options once. Per request: parse Accept-Encoding
 *   (malformed: 400 with the reason), choose, call next, finish. Wrap that core
 *   in chapter 07's conditional() for GET and HEAD, so If-None-Match and
 *   friends meet the encoded representation.
 * @hint solution: options resolved once. Per request: negotiate (invalid: a 400
 *   naming the reason), call next, finish at once or when it settles
 *   (isThenable). A safe request with preconditions goes through conditional()
 *   instead, the handler seeing withoutPreconditions.
 */
export function compression(options: CompressionOptions = {}): Middleware {
  const opts: Resolved = {
    codings: options.codings ?? CODING_PREFERENCE,
    levels: { ...DYNAMIC_LEVELS, ...options.levels },
    threshold: options.threshold ?? COMPRESSION_THRESHOLD,
    notAcceptable: options.notAcceptable ?? "406",
    decide: decider(options.threshold ?? COMPRESSION_THRESHOLD),
  };
  const guard = conditional();
  const negotiate = negotiation(opts.codings);
  return (next) => {
    // `request` answered by the handler, which sees `inner`. Synchronous
    // around a synchronous handler: no promise per request.
    const respond = (
      request: HttpRequest,
      inner: HttpRequest,
    ): HttpResponse | Promise<HttpResponse> => {
      const value = getCombined(request.headers, "accept-encoding");
      // No field: identity, whatever the response, so a constant response's
      // answer is kept with its decision (decider): one lookup per request.
      if (value === undefined) {
        const response = next(inner);
        if (isThenable<HttpResponse>(response)) {
          return Promise.resolve(response).then((r) =>
            finish(request, r, IDENTITY, opts),
          );
        }
        const outcome = opts.decide(response);
        outcome.plain ??= finish(request, response, IDENTITY, opts);
        return outcome.plain;
      }
      const negotiated = negotiate(value);
      if (negotiated.kind === "invalid") {
        return plainText(
          400,
          `Bad Request: Accept-Encoding: ${negotiated.reason}`,
        );
      }
      const response = next(inner);
      const { choice } = negotiated;
      return isThenable<HttpResponse>(response)
        ? Promise.resolve(response).then((r) =>
            finish(request, r, choice, opts),
          )
        : finish(request, response, choice, opts);
    };
    const guarded = guard((request) =>
      respond(request, withoutPreconditions(request)),
    );
    // The guard (preconditions on the encoded response) only when asked;
    // a request without any has nothing to hide from the handler, so the
    // fields are looked for once per request, here.
    return (request) =>
      isSafe(request) && hasPreconditions(request.headers)
        ? guarded(request)
        : respond(request, request);
  };
}
