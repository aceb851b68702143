/**
 * Every limit and timeout of an HTTP/2 connection, named, with the
 * reason for its default.
 *
 * HTTP/2 lets one TCP connection carry hundreds of requests, and each
 * frame a peer sends can cost the server work it never asked for: a
 * stream opened and reset at once (rapid reset, CVE-2023-44487), a field
 * block split into a million CONTINUATION frames (2024), a SETTINGS or
 * PING the server must answer, a window held at zero. Each defence here
 * is a budget the connection counts against; past it, the peer is told
 * why (GOAWAY with ENHANCE_YOUR_CALM, or RST_STREAM) and let go.
 */
import type { Logger } from "#ch03/logger.ts";
import { consoleLogger } from "#ch03/logger.ts";
import type { Watchdog } from "#ch03/connection-options.ts";
import { HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from "#ch03/timeouts.ts";
import { MAX_BODY_BYTES } from "#ch04/body-limits.ts";

export interface H2Options {
  /**
   * SETTINGS_MAX_CONCURRENT_STREAMS we announce; more: REFUSED_STREAM (§5.1.2).
   */
  readonly maxConcurrentStreams: number;
  /**
   * Our SETTINGS_INITIAL_WINDOW_SIZE: what each stream may send us before
   * we grant more. Bounds what one slow reader holds in memory.
   */
  readonly streamWindow: number;
  /**
   * What the whole connection may send us unacknowledged (WINDOW_UPDATE on 0).
   */
  readonly connectionWindow: number;
  /** Our SETTINGS_MAX_HEADER_LIST_SIZE, and HPACK's kept-fields limit. */
  readonly maxHeaderListSize: number;
  /** Compressed bytes of one field block, HEADERS plus CONTINUATIONs. */
  readonly maxHeaderBlockBytes: number;
  /** Frames in one field block: HEADERS plus CONTINUATIONs (the 2024 flood). */
  readonly maxHeaderFrames: number;
  /**
   * Our SETTINGS_HEADER_TABLE_SIZE: HPACK state the client may make us keep.
   */
  readonly headerTableSize: number;
  /** How long the client has to acknowledge our SETTINGS (§6.5.3). */
  readonly settingsTimeoutMs: number;
  /** Streams the client may reset (or we reset for it) per window... */
  readonly maxResetsPerWindow: number;
  /** ...of this many milliseconds (rapid reset, CVE-2023-44487). */
  readonly resetWindowMs: number;
  /** SETTINGS and PING frames a client may send per second. */
  readonly maxControlFramesPerSecond: number;
  /**
   * Bytes queued for a client that is not reading, before we stop answering.
   */
  readonly maxQueuedBytes: number;
  /**
   * Empty DATA frames (not ending a stream) and empty CONTINUATIONs per
   * connection.
   */
  readonly maxEmptyFrames: number;
  /**
   * A stream or connection with data to send and a zero window, this long:
   * reset.
   */
  readonly zeroWindowTimeoutMs: number;
  /** No stream open for this long: GOAWAY and close. */
  readonly idleTimeoutMs: number;
  /** The preface, or a field block once begun, must arrive within this. */
  readonly headersTimeoutMs: number;
  /** Largest request content; more gets 413 and a reset. */
  readonly maxBodyBytes: number;
  /**
   * Bytes the socket may hold queued before the scheduler waits for 'drain'.
   */
  readonly socketHighWaterMark: number;
  readonly logger: Logger;
  /** Chapter 10's slow-client watchdog, when the server has one. */
  readonly watchdog: Watchdog | undefined;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  readonly clock: () => number;
}

export const DEFAULT_H2_OPTIONS: H2Options = {
  // 100 is the RFC's suggested minimum (§6.5.2) and what browsers expect.
  maxConcurrentStreams: 100,
  // 256 KiB per stream: a whole loopback round trip at line rate.
  streamWindow: 256 * 1024,
  // 1 MiB: four streams' worth, so one stalled upload cannot starve the rest.
  connectionWindow: 1024 * 1024,
  // As chapter 02's HTTP/1.1 head limit: 64 KiB of fields.
  maxHeaderListSize: 64 * 1024,
  maxHeaderBlockBytes: 64 * 1024,
  // A real request never needs more than a few CONTINUATIONs.
  maxHeaderFrames: 32,
  headerTableSize: 4_096,
  // nginx and Go wait 10 s for the ACK (Go: 'settings timeout').
  settingsTimeoutMs: 10_000,
  // Go's default after the 2023 rapid reset attack: resets beyond about
  // one a millisecond sustained are not a browser navigating.
  maxResetsPerWindow: 200,
  resetWindowMs: 1_000,
  maxControlFramesPerSecond: 500,
  maxQueuedBytes: 4 * 1024 * 1024,
  maxEmptyFrames: 100,
  zeroWindowTimeoutMs: 30_000,
  // As chapter 03's keep-alive timeout and head timeout.
  idleTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
  headersTimeoutMs: HEADERS_TIMEOUT_MS,
  maxBodyBytes: MAX_BODY_BYTES,
  socketHighWaterMark: 256 * 1024,
  logger: consoleLogger,
  watchdog: undefined,
  clock: Date.now,
};

export function resolveH2Options(options: Partial<H2Options> = {}): H2Options {
  return { ...DEFAULT_H2_OPTIONS, ...options };
}
