/**
 * Everything an HTTP/1.1 connection can be configured with, in one place,
 * with the defaults and why. Later chapters plug in here: chapter 04 sets
 * bodyDecoders and framer, chapter 17 the logger. (Upgrades are not an
 * option: a handler answers 101 with an upgrade callback, upgrade.ts.)
 */
import type { Socket } from "node:net";
import type { ParserLimits } from "#ch02/limits.ts";
import {
  type BodyDecoderFactory,
  type ConnectionError,
  drainUnread,
  refuseBodies,
  type UnreadBodyPolicy,
} from "./body-decoder.ts";
import { DateCache, sharedDateCache } from "./date-cache.ts";
import { consoleLogger, type Logger } from "./logger.ts";
import type { ReadMode } from "./own-buffer-reads.ts";
import { closeDelimited, type ResponseFramer } from "./response-framer.ts";
import {
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  LINGER_TIMEOUT_MS,
  type TimerSettings,
} from "./timeouts.ts";

/**
 * 16 requests parsed ahead of the response being written. Enough to keep
 * a pipelining client's link full (undici pipelines 10 at most by
 * default); small enough that one connection cannot queue unbounded work.
 * Beyond it we stop reading and TCP flow control pushes back.
 */
export const MAX_PIPELINED_REQUESTS = 16;

/**
 * 100,000 requests, then the last response says Connection: close: a
 * safety net, not a rhythm. A cap is there so that one client cannot hold
 * one connection (and its share of one core) forever; but a count is the
 * wrong clock for that under load. At 1,000 (nginx's keepalive_requests)
 * a benchmark client on 100 connections reconnects every 20 ms, and every
 * reconnection costs a handshake and, for the requests it had pipelined
 * behind the close, a retry: p99 latency doubled in our measurements.
 * Peers: nginx closes after 1,000 requests or 1 hour (keepalive_time),
 * with a lingering close; node:http and Go's net/http have no cap.
 */
export const MAX_REQUESTS_PER_CONNECTION = 100_000;

/**
 * 1 hour, then the next response says Connection: close: what the cap is
 * for, measured in time, so a busy client is treated like an idle one
 * (nginx's keepalive_time is 1 h too). The client simply opens a new
 * connection; requests it pipelined behind the close are retried on it
 * (RFC 9112 §9.3.2).
 */
export const MAX_CONNECTION_AGE_MS = 60 * 60_000;

/** 64 KiB of unread request body before the socket is paused. */
export const BODY_HIGH_WATER_MARK = 64 * 1024;

/**
 * What a watchdog sees of a connection. Chapter 10's slow-client policies
 * (minimum body data rate, stalled writes) watch every connection through
 * this; the connection itself only knows its own deadlines (timeouts.ts).
 */
export interface WatchedConnection {
  /** Waiting for request body bytes the handler has room for. */
  readonly awaitingBody: boolean;
  /** Answers `error` if a body is being read, then closes; else destroys. */
  abort(error: ConnectionError): void;
}

/** Called once per connection, when it starts (chapter 10). */
export type Watchdog = (socket: Socket, connection: WatchedConnection) => void;

export interface ConnectionOptions extends TimerSettings {
  readonly maxPipelinedRequests: number;
  readonly maxRequestsPerConnection: number;
  /** Requests starting this long after the connection opened close it. */
  readonly maxConnectionAgeMs: number;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  readonly clock: () => number;
  readonly bodyHighWaterMark: number;
  readonly parserLimits: Partial<ParserLimits>;
  readonly bodyDecoders: BodyDecoderFactory;
  /** What to do with a body the handler answered without reading. */
  readonly unreadBody: UnreadBodyPolicy;
  readonly framer: ResponseFramer;
  /** Where the connection reports what it cannot tell the client. */
  readonly logger: Logger;
  readonly dateCache: DateCache;
  /**
   * "own-buffer": read into one shared buffer, with no Buffer per read
   * (own-buffer-reads.ts), where the socket allows it; "stream": 'data'
   * events, always.
   */
  readonly readMode: ReadMode;
  /** Watches each connection for slow clients (chapter 10); none here. */
  readonly watchdog: Watchdog | undefined;
}

export const DEFAULT_CONNECTION_OPTIONS: ConnectionOptions = {
  headersTimeoutMs: HEADERS_TIMEOUT_MS,
  keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
  lingerTimeoutMs: LINGER_TIMEOUT_MS,
  maxPipelinedRequests: MAX_PIPELINED_REQUESTS,
  maxRequestsPerConnection: MAX_REQUESTS_PER_CONNECTION,
  maxConnectionAgeMs: MAX_CONNECTION_AGE_MS,
  clock: Date.now,
  bodyHighWaterMark: BODY_HIGH_WATER_MARK,
  parserLimits: {},
  bodyDecoders: refuseBodies,
  unreadBody: drainUnread,
  framer: closeDelimited,
  logger: consoleLogger,
  dateCache: sharedDateCache,
  readMode: "own-buffer",
  watchdog: undefined,
};

/** Defaults overlaid with what the caller set. */
export function resolveOptions(
  options: Partial<ConnectionOptions> = {},
): ConnectionOptions {
  return { ...DEFAULT_CONNECTION_OPTIONS, ...options };
}

export { DateCache };
