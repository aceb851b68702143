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
import { getCombined, removeHeader, setHeader } from "#ch02/header-list.ts";
import type { HeaderList, HttpRequest, HttpResponse } from "#ch03/message.ts";
import { conditional } from "#ch07/conditional.ts";
import type { Middleware } from "#ch05/middleware.ts";
import { type AcceptEncoding, parseAcceptEncoding } from "./accept-encoding.ts";
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
import { COMPRESSION_THRESHOLD, knownLength, shouldCompress } from "./should-compress.ts";
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
const PRECONDITIONS = ["if-match", "if-none-match", "if-modified-since", "if-unmodified-since"];

/** Fields that describe the identity bytes and are wrong once encoded. */
const IDENTITY_ONLY = ["content-length", "accept-ranges", "content-digest", "repr-digest"];

const removeOne = (h: HeaderList, name: string): HeaderList => removeHeader(h, name);

/** GET and HEAD: the methods whose preconditions we evaluate ourselves. */
const isSafe = (r: HttpRequest): boolean => r.method === "GET" || r.method === "HEAD";

function plainText(status: 400 | 406, text: string, headers: HeaderList = []): HttpResponse {
  const typed = setHeader(headers, "content-type", "text/plain; charset=utf-8");
  return { status, headers: typed, body: `${text}\n` };
}

/** The headers of the `coding` representation of `response`. */
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

/** The response, encoded with `coding`; for HEAD, its headers only. */
function encode(
  request: HttpRequest,
  response: HttpResponse,
  coding: Coding,
  levels: CompressionLevels,
): HttpResponse {
  const headers = encodedHeaders(response.headers ?? [], coding);
  const { body, ...rest } = response;
  // HEAD: the fields a GET would get, and nothing compressed (§9.3.2).
  if (request.method === "HEAD" || body === undefined) return { ...rest, headers };
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
}

/** Decides and applies, given the negotiated choice and the response. */
function finish(
  request: HttpRequest,
  response: HttpResponse,
  choice: EncodingChoice,
  opts: Resolved,
): HttpResponse {
  const decision = shouldCompress(response, opts.threshold);
  const ok = response.status >= 200 && response.status < 300;
  if (choice.kind === "none" && ok && opts.notAcceptable === "406") {
    if (decision.kind === "compress" || decision.vary) {
      const offer = [...opts.codings, "identity"].join(", ");
      const vary = mergeVary([], "Accept-Encoding");
      return plainText(406, `Not Acceptable: this resource is available as ${offer}`, vary);
    }
  }
  if (decision.kind === "compress" && choice.kind === "coding") {
    return encode(request, response, choice.coding, opts.levels);
  }
  const varies = decision.kind === "compress" || decision.vary;
  if (!varies) return response;
  return { ...response, headers: mergeVary(response.headers ?? [], "Accept-Encoding") };
}

/** The request as the handler sees it: without preconditions. */
function withoutPreconditions(request: HttpRequest): HttpRequest {
  const headers = PRECONDITIONS.reduce(removeOne, request.headers);
  if (headers.length === request.headers.length) return request;
  // The signal is a getter, made only when read (chapter 03): keep it lazy.
  return {
    ...request,
    headers,
    get signal() {
      return request.signal;
    },
  };
}

/** The parsed Accept-Encoding, or undefined when the request has none. */
function acceptEncodingOf(request: HttpRequest): AcceptEncoding | undefined {
  const value = getCombined(request.headers, "accept-encoding");
  return value === undefined ? undefined : parseAcceptEncoding(value);
}

/** Compression for every handler behind it. */
export function compression(options: CompressionOptions = {}): Middleware {
  const opts: Resolved = {
    codings: options.codings ?? CODING_PREFERENCE,
    levels: { ...DYNAMIC_LEVELS, ...options.levels },
    threshold: options.threshold ?? COMPRESSION_THRESHOLD,
    notAcceptable: options.notAcceptable ?? "406",
  };
  const guard = conditional();
  return (next) => {
    const core = async (request: HttpRequest): Promise<HttpResponse> => {
      const parsed = acceptEncodingOf(request);
      if (parsed?.kind === "invalid") {
        return plainText(400, `Bad Request: Accept-Encoding: ${parsed.reason}`);
      }
      const choice = chooseEncoding(parsed?.preferences, opts.codings);
      const inner = isSafe(request) ? withoutPreconditions(request) : request;
      const response = await next(inner);
      return finish(request, response, choice, opts);
    };
    const guarded = guard(core);
    return (request) => (isSafe(request) ? guarded(request) : core(request));
  };
}
