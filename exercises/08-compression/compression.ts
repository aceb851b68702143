// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function encodedHeaders(fields: HeaderList, coding: Coding): HeaderList {
  throw new NotImplemented({
    chapter: "08",
    name: "encodedHeaders",
    file: "exercises/08-compression/compression.ts",
    hint: "an encoded response is a different representation: fields that described the identity bytes are now wrong.",
  });
}

/**
 * The response, encoded with `coding`; for HEAD, its headers only.
 *
 * @exercise
 */
function encode(
  request: HttpRequest,
  response: HttpResponse,
  coding: Coding,
  levels: CompressionLevels,
): HttpResponse {
  throw new NotImplemented({
    chapter: "08",
    name: "encode",
    file: "exercises/08-compression/compression.ts",
    hint: "a HEAD answer must carry the same fields as the GET would, and no body.",
  });
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
 */
function finish(
  request: HttpRequest,
  response: HttpResponse,
  choice: EncodingChoice,
  opts: Resolved,
): HttpResponse {
  throw new NotImplemented({
    chapter: "08",
    name: "finish",
    file: "exercises/08-compression/compression.ts",
    hint: "three outcomes: refuse with 406, encode, or pass the response through (perhaps with a Vary).",
  });
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
 */
export function acceptEncodingKey(
  codings: readonly Coding[] = CODING_PREFERENCE,
): (value: string | undefined) => string {
  throw new NotImplemented({
    chapter: "08",
    name: "acceptEncodingKey",
    file: "exercises/08-compression/compression.ts",
    hint: "two Accept-Encoding values that would get the same bytes should get the same key.",
  });
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
 */
export function compression(options: CompressionOptions = {}): Middleware {
  throw new NotImplemented({
    chapter: "08",
    name: "compression",
    file: "exercises/08-compression/compression.ts",
    hint: "a middleware is a function from the next handler to a new handler; this one works before and after calling next.",
  });
}
