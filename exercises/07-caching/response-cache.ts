// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * An in-memory HTTP cache for dynamic responses, as middleware (RFC 9111).
 *
 *     request ─▶ key (Host + target) ─▶ Vary key ─▶ stored and fresh?
 *                 │ yes: answer from memory, with Age and Cache-Status: hit
 *                 │ no:  forward to the handler; store if §3 allows
 *     unsafe method (POST, PUT, DELETE...) that succeeds ─▶ invalidate (§4.4)
 *
 * It is a shared cache (it serves every client), so private responses and
 * most Authorization-bearing requests never enter it. It never serves
 * stale responses and never revalidates: an entry is fresh or it is gone.
 */
import {
  appendHeader,
  getHeader,
  removeHeader,
  setHeader,
} from "#ch02/header-list.ts";
import { splitTarget } from "#ch02/request-target.ts";
import type {
  Handler,
  HeaderList,
  HttpRequest,
  HttpResponse,
} from "#ch03/message.ts";
import { SAFE_METHODS } from "#ch03/pipelining.ts";
import type { Middleware } from "#ch05/middleware.ts";
import { formatHttpDate, parseHttpDate } from "#ch06/http-date.ts";
import { bufferBody } from "./body-buffer.ts";
import {
  type CacheStatus,
  type ForwardReason,
  formatCacheStatus,
} from "./cache-status.ts";
import { requestDirectives } from "./directives.ts";
import { ageFieldOf, currentAge, freshnessLifetime } from "./freshness.ts";
import { LruCache } from "./lru-cache.ts";
import { type Clock, systemClock } from "./clock.ts";
import { canStore } from "./storability.ts";
import {
  type FieldNormalizer,
  type StoredResponse,
  VariantIndex,
} from "./variant-index.ts";
import { varyFields } from "./vary.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** 16 MiB: room for thousands of API responses, small beside a Node heap. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
/** 10,000 entries: caps the per-entry overhead when bodies are tiny. */
export const DEFAULT_MAX_ENTRIES = 10_000;
/** 1 MiB: a bigger body is streamed through uncached, not buffered. */
export const DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;
/**
 * 10 s heuristic freshness (RFC 9111 §4.2.2) for cacheable responses that
 * state none: absorbs a burst, yet a change shows within seconds. Set 0 to
 * store only responses that state their own freshness.
 */
export const DEFAULT_TTL_SECONDS = 10;
/** Bytes charged per entry beyond body and fields: Map slot, objects, key. */
export const ENTRY_OVERHEAD_BYTES = 256;

export interface ResponseCacheOptions {
  readonly maxBytes?: number;
  readonly maxEntries?: number;
  readonly maxEntryBytes?: number;
  readonly defaultTtlSeconds?: number;
  /** A shared cache (the default) obeys s-maxage, private and §3.5. */
  readonly shared?: boolean;
  /** The name this cache gives itself in Cache-Status. */
  readonly name?: string;
  /** Which requests this cache handles; others pass by untouched. */
  readonly applies?: (request: HttpRequest) => boolean;
  /**
   * Request collapsing (default on): a GET that misses while an identical
   * one is already with the handler waits for that answer instead of
   * calling the handler too. A burst of requests for an expired page
   * costs one handler call, not one per request (a "thundering herd").
   */
  readonly collapse?: boolean;
  readonly clock?: Clock;
}

export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly stores: number;
  readonly evictions: number;
  readonly invalidations: number;
  /** Requests answered with another request's forwarded response. */
  readonly collapsed: number;
  readonly entries: number;
  readonly bytes: number;
}

/** Hop-by-hop and per-answer fields a cache must not replay (§3.1). */
/**
 * The primary key (RFC 9111 §2): the target URI, built from what the
 * connection parsed once, so two spellings of one URI share an entry.
 */
function primaryKey(request: HttpRequest): string {
  const query = request.query === "" ? "" : `?${request.query}`;
  return `${request.authority} ${request.path}${query}`;
}

const NOT_STORED_FIELDS = [
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "upgrade",
];

export class ResponseCache {
  readonly #store: LruCache<StoredResponse>;
  readonly #index = new VariantIndex();
  readonly #clock: Clock;
  readonly #options: Required<Omit<ResponseCacheOptions, "clock">>;
  #hits = 0;
  #misses = 0;
  #stores = 0;
  #evictions = 0;
  #invalidations = 0;
  #collapsed = 0;
  /** GETs with the handler now, by primary key: what a miss may wait for. */
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor(options: ResponseCacheOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#options = {
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
      maxEntryBytes: options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES,
      defaultTtlSeconds: options.defaultTtlSeconds ?? DEFAULT_TTL_SECONDS,
      shared: options.shared ?? true,
      name: options.name ?? "handshake",
      applies: options.applies ?? (() => true),
      collapse: options.collapse ?? true,
    };
    const { maxBytes, maxEntries } = this.#options;
    this.#store = new LruCache({ maxBytes, maxEntries }, (key) => {
      this.#evictions++;
      this.#index.forget(key);
    });
  }

  get stats(): CacheStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      stores: this.#stores,
      evictions: this.#evictions,
      invalidations: this.#invalidations,
      collapsed: this.#collapsed,
      entries: this.#store.size,
      bytes: this.#store.bytes,
    };
  }

  /**
   * Keys the variants that vary on `field` by `normalize(value)`: a later
   * chapter that knows what a field means (chapter 08, Accept-Encoding)
   * makes requests that get the same representation share one entry.
   */
  normalizeVary(field: string, normalize: FieldNormalizer): void {
    this.#index.normalize(field, normalize);
  }

  /**
   * Drops every stored response for a path (all hosts, queries, variants).
   *
   * @exercise
   */
  invalidate(path: string): number {
    throw new NotImplemented({
      chapter: "07",
      name: "ResponseCache.invalidate",
      file: "exercises/07-caching/response-cache.ts",
      hint: "one path can have many stored responses: other hosts, queries, Vary variants.",
    });
  }

  #drop(key: string): void {
    this.#store.delete(key);
    this.#index.forget(key);
  }

  /**
   * Requests the cache does not apply to pass straight through: no
   * promise, no key, no lookup (the assembled server asks this of every
   * request, and only /api/ is cached).
   */
  readonly middleware: Middleware = (next) => (request) =>
    this.#options.applies(request)
      ? this.#handle(request, next)
      : next(request);

  async #handle(request: HttpRequest, next: Handler): Promise<HttpResponse> {
    if (request.method !== "GET" && request.method !== "HEAD") {
      const response = await next(request);
      this.invalidateAfter(request, response);
      return this.#mark(response, { fwd: "method" });
    }
    const primary = primaryKey(request);
    const found = this.lookup(primary, request);
    if (found.kind === "hit")
      return this.serve(found.entry, found.age, request);
    this.#misses++;
    if (requestDirectives(request.headers).onlyIfCached)
      return this.#mark(
        { status: 504, body: "Gateway Timeout: not in cache\n" },
        { fwd: "miss" },
      );
    return this.#forwardOnce(primary, request, found.fwd, next);
  }

  /**
   * Forwards a GET that missed, unless an identical one is already with
   * the handler: then waits for it, once, and takes its stored answer.
   * What may wait is decided by #collapsible.
   *
   * @exercise
   */
  #forwardOnce(
    primary: string,
    request: HttpRequest,
    fwd: ForwardReason,
    next: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>,
  ): Promise<HttpResponse> {
    throw new NotImplemented({
      chapter: "07",
      name: "ResponseCache.#forwardOnce",
      file: "exercises/07-caching/response-cache.ts",
      hint: "ten identical misses at once should reach the handler once (request collapsing).",
    });
  }

  /**
   * GETs only (a HEAD is never stored), and never a request that asked
   * for a fresh answer from the origin (no-cache, max-age=0: RFC 9111
   * §5.2.1): an answer the handler began before it arrived is not that.
   *
   * @exercise
   */
  #collapsible(request: HttpRequest, fwd: ForwardReason): boolean {
    throw new NotImplemented({
      chapter: "07",
      name: "ResponseCache.#collapsible",
      file: "exercises/07-caching/response-cache.ts",
      hint: "a request that asked for a fresh answer from the origin must not be handed one begun before it arrived.",
    });
  }

  /**
   * Waits for the request already forwarded, then looks again. Its
   * answer may not fit this request (not stored, or stored for another
   * Vary variant); then this one goes forward itself, at once, without
   * waiting in line a second time.
   *
   * @exercise
   */
  async #follow(
    leader: Promise<unknown>,
    primary: string,
    request: HttpRequest,
    fwd: ForwardReason,
    next: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>,
  ): Promise<HttpResponse> {
    throw new NotImplemented({
      chapter: "07",
      name: "ResponseCache.#follow",
      file: "exercises/07-caching/response-cache.ts",
      hint: "a follower waits for the leader, then looks in the cache again.",
    });
  }

  /**
   * Finds a fresh stored response the request allows us to use.
   *
   * @exercise
   */
  private lookup(
    primary: string,
    request: HttpRequest,
  ):
    | { kind: "hit"; entry: StoredResponse; age: number }
    | { kind: "miss"; fwd: ForwardReason } {
      throw new NotImplemented({
        chapter: "07",
        name: "ResponseCache.lookup",
        file: "exercises/07-caching/response-cache.ts",
        hint: "a stored response can be missing, stale, or fresh but not acceptable to this request.",
      });
    }

  /**
   * A stored response, aged: a hit, or the answer a collapsed request waited
   * for.
   *
   * @exercise
   */
  private serve(
    entry: StoredResponse,
    age: number,
    request: HttpRequest,
    how: { fwd: ForwardReason; collapsed: true } | undefined = undefined,
  ): HttpResponse {
    throw new NotImplemented({
      chapter: "07",
      name: "ResponseCache.serve",
      file: "exercises/07-caching/response-cache.ts",
      hint: "a stored response goes out with its age.",
    });
  }

  /**
   * A miss goes to the handler; what comes back may be stored.
   *
   * @exercise
   */
  private async forward(
    primary: string,
    request: HttpRequest,
    fwd: ForwardReason,
    next: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>,
    collapsed?: false,
  ): Promise<HttpResponse> {
    throw new NotImplemented({
      chapter: "07",
      name: "ResponseCache.forward",
      file: "exercises/07-caching/response-cache.ts",
      hint: "forwarding is the handler call, then a chain of reasons not to store what came back.",
    });
  }

  /**
   * Stores an entry under its full key; false when it does not fit.
   *
   * @exercise
   */
  #put(
    primary: string,
    requestHeaders: HeaderList,
    entry: StoredResponse,
  ): boolean {
    throw new NotImplemented({
      chapter: "07",
      name: "ResponseCache.#put",
      file: "exercises/07-caching/response-cache.ts",
      hint: "the key of a stored response depends on the request fields its Vary names.",
    });
  }

  /**
   * The entry to store for a response that passed every check.
   *
   * @exercise
   */
  #entryFor(
    response: HttpResponse,
    body: Uint8Array,
    lifetime: number,
    requestTime: number,
    responseTime: number,
  ): StoredResponse {
    throw new NotImplemented({
      chapter: "07",
      name: "ResponseCache.#entryFor",
      file: "exercises/07-caching/response-cache.ts",
      hint: "what is stored is not exactly what was sent: some fields belong to one hop or one moment.",
    });
  }

  /**
   * RFC 9111 §4.4: a successful unsafe request invalidates its target.
   *
   * @exercise
   */
  private invalidateAfter(request: HttpRequest, response: HttpResponse): void {
    throw new NotImplemented({
      chapter: "07",
      name: "ResponseCache.invalidateAfter",
      file: "exercises/07-caching/response-cache.ts",
      hint: "after a successful write, what the cache holds for that resource is out of date.",
    });
  }

  #mark(
    response: HttpResponse,
    status: Omit<CacheStatus, "cache" | "ttl"> & { ttl?: number | undefined },
  ): HttpResponse {
    const { ttl, ...rest } = status;
    const value = formatCacheStatus({
      cache: this.#options.name,
      ...rest,
      ...(ttl === undefined ? {} : { ttl }),
    });
    return {
      ...response,
      headers: appendHeader(response.headers, "cache-status", value),
    };
  }
}

/** What an entry costs against the byte budget. */
function sizeOf(entry: StoredResponse): number {
  let size = ENTRY_OVERHEAD_BYTES + entry.body.byteLength;
  for (const [name, value] of entry.headers)
    size += name.length + value.length + 4;
  return size;
}
