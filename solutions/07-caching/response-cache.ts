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
   * @hint nudge: one path can have many stored responses: other hosts,
   *   queries, Vary variants.
   * @hint concept: RFC 9111 §4.4 invalidates a URI, which here means every
   *   stored response under that path: ask the variant index for all its keys,
   *   drop each (store and index), count them, and return how many.
   * @hint solution: get the keys for the path from the index; drop each
   *   through the private helper; add their number to the counter and return
   *   it.
   */
  invalidate(path: string): number {
    const keys = this.#index.keysForPath(path);
    for (const key of keys) this.#drop(key);
    this.#invalidations += keys.length;
    return keys.length;
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
   * @hint nudge: ten identical misses at once should reach the handler once
   *   (request collapsing).
   * @hint concept: when the request may not collapse, forward it. When an
   *   identical GET is already in flight, follow it. Otherwise forward, record
   *   the promise as in flight under the primary key, and remove it when it
   *   settles (only if it is still the one recorded).
   * @hint solution: #collapsible check; #inFlight.get(primary) → #follow; else
   *   forward, #inFlight.set, a done() that deletes conditionally,
   *   answer.then(done, done); return answer.
   */
  #forwardOnce(
    primary: string,
    request: HttpRequest,
    fwd: ForwardReason,
    next: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>,
  ): Promise<HttpResponse> {
    if (!this.#collapsible(request, fwd))
      return this.forward(primary, request, fwd, next);
    const leader = this.#inFlight.get(primary);
    if (leader !== undefined)
      return this.#follow(leader, primary, request, fwd, next);
    const answer = this.forward(primary, request, fwd, next);
    this.#inFlight.set(primary, answer);
    const done = (): void => {
      if (this.#inFlight.get(primary) === answer)
        this.#inFlight.delete(primary);
    };
    answer.then(done, done);
    return answer;
  }

  /**
   * GETs only (a HEAD is never stored), and never a request that asked
   * for a fresh answer from the origin (no-cache, max-age=0: RFC 9111
   * §5.2.1): an answer the handler began before it arrived is not that.
   *
   * @exercise
   * @hint nudge: a request that asked for a fresh answer from the origin must
   *   not be handed one begun before it arrived.
   * @hint concept: collapse only when enabled, for GET, when the miss was not
   *   caused by the request's own directives, and when the request has neither
   *   no-cache nor max-age=0 (RFC 9111 §5.2.1).
   * @hint solution: an early false for the option, the method and fwd ===
   *   'request'; then read requestDirectives and check the two.
   */
  #collapsible(request: HttpRequest, fwd: ForwardReason): boolean {
    if (
      !this.#options.collapse ||
      request.method !== "GET" ||
      fwd === "request"
    )
      return false;
    const want = requestDirectives(request.headers);
    return !want.noCache && want.maxAge !== 0;
  }

  /**
   * Waits for the request already forwarded, then looks again. Its
   * answer may not fit this request (not stored, or stored for another
   * Vary variant); then this one goes forward itself, at once, without
   * waiting in line a second time.
   *
   * @exercise
   * @hint nudge: a follower waits for the leader, then looks in the cache
   *   again.
   * @hint concept: ignore the leader's failure (it is its own); look up again;
   *   no hit (not stored, or another variant) means forwarding this request at
   *   once without waiting again; a hit is served and counted as collapsed,
   *   marked as a forwarded request that was collapsed (RFC 9211 §2.6).
   * @hint solution: await leader.catch(() => undefined); lookup; forward(...,
   *   false) on a miss; else #collapsed++ and serve with { fwd, collapsed: true
   *   }.
   */
  async #follow(
    leader: Promise<unknown>,
    primary: string,
    request: HttpRequest,
    fwd: ForwardReason,
    next: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>,
  ): Promise<HttpResponse> {
    await leader.catch(() => undefined); // its failure is its own
    const found = this.lookup(primary, request);
    if (found.kind !== "hit")
      return this.forward(primary, request, fwd, next, false);
    this.#collapsed++;
    return this.serve(found.entry, found.age, request, {
      fwd,
      collapsed: true,
    });
  }

  /**
   * Finds a fresh stored response the request allows us to use.
   *
   * @exercise
   * @hint nudge: a stored response can be missing, stale, or fresh but not
   *   acceptable to this request.
   * @hint concept: find the full key through the variant index (a miss says
   *   why), fetch the entry, compute its current age: stale once its lifetime
   *   is used. Then the request's no-cache, max-age (0 is a reload) and
   *   min-fresh (RFC 9111 §5.2.1); else a hit with its age.
   * @hint solution: keyFor; #store.get; currentAge(entry, this.#clock());
   *   compare with entry.lifetime; requestDirectives; tooOld and tooClose;
   *   return the hit or the miss with its reason.
   */
  private lookup(
    primary: string,
    request: HttpRequest,
  ):
    | { kind: "hit"; entry: StoredResponse; age: number }
    | { kind: "miss"; fwd: ForwardReason } {
    const key = this.#index.keyFor(primary, request.headers);
    if (key.kind !== "found") return { kind: "miss", fwd: key.kind };
    const entry = this.#store.get(key.key);
    if (entry === undefined) return { kind: "miss", fwd: "vary-miss" };
    const age = currentAge(entry, this.#clock());
    if (entry.lifetime <= age) return { kind: "miss", fwd: "stale" };
    const want = requestDirectives(request.headers);
    // max-age=0 is how browsers ask for an end-to-end reload: never a hit.
    const tooOld =
      want.maxAge !== undefined && (age > want.maxAge || want.maxAge === 0);
    const tooClose =
      want.minFresh !== undefined && entry.lifetime - age < want.minFresh;
    if (want.noCache || tooOld || tooClose)
      return { kind: "miss", fwd: "request" };
    return { kind: "hit", entry, age };
  }

  /**
   * A stored response, aged: a hit, or the answer a collapsed request waited
   * for.
   *
   * @exercise
   * @hint nudge: a stored response goes out with its age.
   * @hint concept: count a hit unless this serves a collapsed request; set Age
   *   to the whole seconds of the current age (RFC 9111 §5.1); a HEAD gets no
   *   body; mark it in Cache-Status with the remaining ttl.
   * @hint solution: increment #hits when how is undefined; setHeader age; build
   *   the response with or without entry.body; #mark with how or { hit: true },
   *   and ttl = lifetime - age.
   */
  private serve(
    entry: StoredResponse,
    age: number,
    request: HttpRequest,
    how: { fwd: ForwardReason; collapsed: true } | undefined = undefined,
  ): HttpResponse {
    if (how === undefined) this.#hits++;
    const headers = setHeader(entry.headers, "age", String(Math.floor(age)));
    const response: HttpResponse = { status: entry.status, headers };
    const withBody =
      request.method === "HEAD" ? response : { ...response, body: entry.body };
    return this.#mark(withBody, {
      ...(how ?? { hit: true }),
      ttl: entry.lifetime - age,
    });
  }

  /**
   * A miss goes to the handler; what comes back may be stored.
   *
   * @exercise
   * @hint nudge: forwarding is the handler call, then a chain of reasons not to
   *   store what came back.
   * @hint concept: time next() on both sides. Not stored: HEAD, what canStore
   *   refuses (RFC 9111 §3), no lifetime (explicit or default ttl) or 0,
   *   trailers, a body over maxEntryBytes (still sent whole). Else build the
   *   entry, put it, send it; mark every outcome with why.
   * @hint solution: requestTime, await next, responseTime; status record; the
   *   early returns in that order, each #mark-ed with a detail; bufferBody;
   *   #entryFor; #put; #mark(served, { ...status, stored, ttl }).
   */
  private async forward(
    primary: string,
    request: HttpRequest,
    fwd: ForwardReason,
    next: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>,
    collapsed?: false,
  ): Promise<HttpResponse> {
    const requestTime = this.#clock();
    const response = await next(request);
    const responseTime = this.#clock();
    const status = {
      fwd,
      fwdStatus: response.status,
      ...(collapsed === false ? { collapsed } : {}),
    };
    if (request.method === "HEAD") return this.#mark(response, status);
    const decision = canStore(request, response, this.#options.shared);
    if (!decision.store)
      return this.#mark(response, { ...status, detail: decision.reason });
    const headers = response.headers ?? [];
    const explicit = freshnessLifetime(
      headers,
      this.#options.shared,
      responseTime,
    );
    const lifetime = explicit ?? this.#options.defaultTtlSeconds;
    if (lifetime <= 0)
      return this.#mark(response, {
        ...status,
        detail: explicit === 0 ? "stale" : "no-freshness",
      });
    if (response.trailers !== undefined)
      return this.#mark(response, { ...status, detail: "trailers" });
    const buffered = await bufferBody(
      response.body,
      this.#options.maxEntryBytes,
    );
    if (buffered.kind === "too-large")
      return this.#mark(
        { ...response, body: buffered.body },
        { ...status, detail: "too-large" },
      );
    const entry = this.#entryFor(
      response,
      buffered.bytes,
      lifetime,
      requestTime,
      responseTime,
    );
    const stored = this.#put(primary, request.headers, entry);
    const served: HttpResponse = { ...response, body: buffered.bytes };
    return this.#mark(served, {
      ...status,
      stored,
      ttl: stored ? lifetime : undefined,
    });
  }

  /**
   * Stores an entry under its full key; false when it does not fit.
   *
   * @exercise
   * @hint nudge: the key of a stored response depends on the request fields its
   *   Vary names.
   * @hint concept: Vary: * can never match a later request, so it is not stored
   *   (RFC 9111 §4.1). Otherwise add the key to the variant index (dropping the
   *   variants it displaces), set the entry in the LRU with its size, count it,
   *   and drop the key again when the LRU refused it.
   * @hint solution: varyFields; '*' returns false; #index.add; #drop each
   *   displaced; #store.set(key, entry, sizeOf(entry)); count or #drop(key);
   *   return stored.
   */
  #put(
    primary: string,
    requestHeaders: HeaderList,
    entry: StoredResponse,
  ): boolean {
    const fields = varyFields(entry.headers);
    if (fields === "*") return false;
    const { key, displaced } = this.#index.add(primary, fields, requestHeaders);
    for (const old of displaced) this.#drop(old);
    const stored = this.#store.set(key, entry, sizeOf(entry));
    if (stored) this.#stores++;
    else this.#drop(key);
    return stored;
  }

  /**
   * The entry to store for a response that passed every check.
   *
   * @exercise
   * @hint nudge: what is stored is not exactly what was sent: some fields
   *   belong to one hop or one moment.
   * @hint concept: drop what is never stored (NOT_STORED_FIELDS, Age,
   *   Cache-Status); keep the origin's Date or add one (RFC 9110 §6.6.1);
   *   Content-Length is the body's real length; record the lifetime and
   *   currentAge's inputs (Age, Date, the two times).
   * @hint solution: loop removeHeader; getHeader date; setHeader date when
   *   missing; setHeader content-length; return the StoredResponse with
   *   ageFieldOf and parseHttpDate(date, responseTime).
   */
  #entryFor(
    response: HttpResponse,
    body: Uint8Array,
    lifetime: number,
    requestTime: number,
    responseTime: number,
  ): StoredResponse {
    let headers: HeaderList = response.headers ?? [];
    for (const name of [...NOT_STORED_FIELDS, "age", "cache-status"])
      headers = removeHeader(headers, name);
    // A hit replays the Date the response was generated with (RFC 9110
    // §6.6.1); Age then says how long ago that was.
    const date = getHeader(headers, "date");
    if (date === undefined)
      headers = setHeader(headers, "date", formatHttpDate(responseTime));
    // The exact length is known now; a HEAD served from this entry says it.
    headers = setHeader(headers, "content-length", String(body.byteLength));
    return {
      status: response.status,
      headers,
      body,
      lifetime,
      ageValue: ageFieldOf(response.headers ?? []),
      dateValue:
        date === undefined ? responseTime : parseHttpDate(date, responseTime),
      requestTime,
      responseTime,
    };
  }

  /**
   * RFC 9111 §4.4: a successful unsafe request invalidates its target.
   *
   * @exercise
   * @hint nudge: after a successful write, what the cache holds for that
   *   resource is out of date.
   * @hint concept: RFC 9111 §4.4: a non-error response to an unsafe method
   *   invalidates the target URI, and the URIs in Location and Content-Location
   *   when they are on the same origin. Safe methods and error statuses change
   *   nothing.
   * @hint solution: return for safe methods or a status outside 200-399;
   *   collect request.path and, from the two fields, each same-origin reference
   *   (one leading '/', not two) read with chapter 02's splitTarget so it names
   *   paths the way request.path does; invalidate each path.
   */
  private invalidateAfter(request: HttpRequest, response: HttpResponse): void {
    if (SAFE_METHODS.has(request.method)) return;
    if (response.status < 200 || response.status > 399) return;
    const paths = [request.path];
    for (const field of ["location", "content-location"]) {
      const uri = getHeader(response.headers ?? [], field);
      // Only same-origin references: a path, not another host's URI. It is
      // read with chapter 02's parser, so it names paths the way
      // request.path does (`/%61pi` is `/api`).
      if (uri?.startsWith("/") && !uri.startsWith("//")) {
        paths.push(splitTarget("origin", uri).path);
      }
    }
    for (const path of paths) this.invalidate(path);
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
