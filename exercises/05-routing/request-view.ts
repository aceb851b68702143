/**
 * What a route handler receives: the HttpRequest, plus what the router
 * learned while matching it and readers for its body.
 *
 * It is still an HttpRequest (same fields, same object shape), so a route
 * handler can pass it on to any plain Handler. Everything that costs work
 * (the query, the body) is computed on first use, so a handler that needs
 * none of it pays for none of it.
 */
import { getHeader, getHeaders } from "#ch02/header-list.ts";
import type {
  ConnectionInfo,
  HeaderList,
  HttpRequest,
  RequestBody,
} from "#ch03/message.ts";
import { DEFAULT_BODY_LIMIT, readBody } from "./body-reader.ts";
import { HttpError } from "./http-error.ts";
import { isJson, isUtf8Charset, parseMediaType } from "./media-type.ts";
import { splitPath } from "./path-segments.ts";

/** What the router found; see Router for how each is computed. */
export interface RouteInfo {
  /** Decoded path segments; computed from the request's path when absent. */
  readonly segments?: readonly string[];
  readonly params: Readonly<Record<string, string>>;
}

export interface BodyOptions {
  /** Most bytes to accept; defaults to the router's limit. */
  readonly limit?: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export class RequestView implements HttpRequest {
  readonly method: string;
  readonly target: string;
  readonly version: string;
  readonly scheme: "http" | "https";
  readonly authority: string;
  readonly path: string;
  readonly query: string;
  readonly headers: HeaderList;
  readonly body: RequestBody;
  readonly connection: ConnectionInfo;
  /** Captured params: `/users/:id` on `/users/42` gives `{ id: "42" }`. */
  readonly params: Readonly<Record<string, string>>;
  readonly #request: HttpRequest;
  readonly #bodyLimit: number;
  #segments: readonly string[] | undefined;
  #query: URLSearchParams | undefined;
  #bytes: Promise<Uint8Array> | undefined;

  constructor(
    request: HttpRequest,
    route: RouteInfo,
    bodyLimit = DEFAULT_BODY_LIMIT,
  ) {
    this.method = request.method;
    this.target = request.target;
    this.version = request.version;
    this.scheme = request.scheme;
    this.authority = request.authority;
    this.path = request.path;
    this.query = request.query;
    this.headers = request.headers;
    this.body = request.body;
    this.connection = request.connection;
    this.#request = request;
    this.#segments = route.segments;
    this.params = route.params;
    this.#bodyLimit = bodyLimit;
  }

  /** The request's signal, made only if read (chapter 03). */
  get signal(): AbortSignal {
    return this.#request.signal;
  }

  /** Decoded path segments: `/a%2Fb/c` → `["a/b", "c"]`. */
  get segments(): readonly string[] {
    if (this.#segments === undefined) {
      const split = splitPath(this.path);
      this.#segments = split instanceof HttpError ? [] : split;
    }
    return this.#segments;
  }

  /**
   * The path fully decoded, for display and logs. Do not split it again:
   * an encoded slash inside a segment is a plain "/" here; use `segments`.
   */
  get decodedPath(): string {
    return `/${this.segments.join("/")}`;
  }

  /**
   * The query decoded as HTML forms do (WHATWG URL: `+` is a space),
   * multi-valued: `?tag=a&tag=b` → `searchParams.getAll("tag")`. The name
   * is the WHATWG URL's; `query` is the raw string.
   */
  get searchParams(): URLSearchParams {
    this.#query ??= new URLSearchParams(this.query);
    return this.#query;
  }

  /** First value of a header field, name case-insensitive. */
  header(name: string): string | undefined {
    return getHeader(this.headers, name);
  }

  /** Every value of a header field, in the order received. */
  headerValues(name: string): string[] {
    return getHeaders(this.headers, name);
  }

  /**
   * The body's bytes, at most `limit` of them (413 beyond). The body can be
   * read once; later calls return the same result, whatever their limit.
   */
  bytes(options: BodyOptions = {}): Promise<Uint8Array> {
    this.#bytes ??= readBody(this.body, options.limit ?? this.#bodyLimit);
    return this.#bytes;
  }

  /** The body as UTF-8 text; 415 for another charset, 400 for bad bytes. */
  async text(options: BodyOptions = {}): Promise<string> {
    this.#requireIdentityCoding();
    const type = parseMediaType(this.header("content-type") ?? "");
    if (!isUtf8Charset(type)) {
      const message = "only UTF-8 text is accepted";
      throw new HttpError("UNSUPPORTED_MEDIA_TYPE", message);
    }
    return decodeUtf8(await this.bytes(options));
  }

  /**
   * The body parsed as JSON, as `unknown`: check its shape before use.
   * 415 unless Content-Type is JSON (RFC 9110 §15.5.16): a form or text
   * body sent here by mistake is the client's error to fix, and refusing
   * it also stops a cross-site form post from reaching a JSON API.
   */
  async json(options: BodyOptions = {}): Promise<unknown> {
    const raw = this.header("content-type");
    const type = parseMediaType(raw ?? "");
    if (type === null || !isJson(type)) {
      const got = raw === undefined ? "no Content-Type" : `Content-Type ${raw}`;
      const message = `expected application/json, got ${got}`;
      throw new HttpError("UNSUPPORTED_MEDIA_TYPE", message);
    }
    const text = await this.text(options);
    try {
      return JSON.parse(text);
    } catch (error) {
      const why = text === "" ? "the body is empty" : (error as Error).message;
      const message = `request body is not valid JSON: ${why}`;
      throw new HttpError("BAD_JSON", message);
    }
  }

  /** We do not undo gzip on requests; say so (RFC 9110 §15.5.16). */
  #requireIdentityCoding(): void {
    const coding = this.header("content-encoding");
    if (coding === undefined || coding.toLowerCase() === "identity") return;
    const message = `Content-Encoding ${coding} is not accepted`;
    throw new HttpError("UNSUPPORTED_MEDIA_TYPE", message, {
      headers: [["accept-encoding", "identity"]],
    });
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HttpError("BAD_TEXT_ENCODING", "request body is not valid UTF-8");
  }
}
