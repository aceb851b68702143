/**
 * Chapter 13's flags and environment: HTTP/2's own limits, the ones with
 * no HTTP/1.1 counterpart (the shared ones, body size and timeouts, are
 * the operator's `limits` and govern both protocols). Read by
 * cli-options.ts; kept apart so its hunk there stays small.
 *
 *   --h2-max-streams <n>            SETTINGS_MAX_CONCURRENT_STREAMS
 *   --h2-stream-window <bytes>      SETTINGS_INITIAL_WINDOW_SIZE
 *   --h2-connection-window <bytes>  the connection's receive window
 *   --h2-max-header-list <bytes>    SETTINGS_MAX_HEADER_LIST_SIZE
 *   --h2-max-resets <n>             stream resets per second (rapid reset)
 *
 * Each has its HANDSHAKE_H2_* variable; the flag wins. Whatever is not
 * given keeps chapter 13's default (h2-options.ts).
 */
import { DEFAULT_H2_OPTIONS, type H2Options } from "#ch13/h2-options.ts";

/** The parseArgs options this file reads. */
export const H2_FLAGS = {
  "h2-max-streams": { type: "string" },
  "h2-stream-window": { type: "string" },
  "h2-connection-window": { type: "string" },
  "h2-max-header-list": { type: "string" },
  "h2-max-resets": { type: "string" },
} as const;

/** The operator's HTTP/2 limits, as ServerSettings.h2 takes them. */
export type H2Settings = {
  -readonly [K in (typeof H2_LIMITS)[number]["key"]]?: number;
};

/** RFC 9113 §6.9.1: no window may exceed 2^31-1 octets. */
const MAX_WINDOW = 2 ** 31 - 1;
/** §6.9.2: the connection window starts at 65,535 and can only be raised. */
const INITIAL_WINDOW = 65_535;

/** Each flag, its variable, the H2Options key, and the range it accepts. */
export const H2_LIMITS = [
  ["h2-max-streams", "HANDSHAKE_H2_MAX_STREAMS", "maxConcurrentStreams", 1, MAX_WINDOW],
  ["h2-stream-window", "HANDSHAKE_H2_STREAM_WINDOW", "streamWindow", 1, MAX_WINDOW],
  [
    "h2-connection-window",
    "HANDSHAKE_H2_CONNECTION_WINDOW",
    "connectionWindow",
    INITIAL_WINDOW,
    MAX_WINDOW,
  ],
  ["h2-max-header-list", "HANDSHAKE_H2_MAX_HEADER_LIST", "maxHeaderListSize", 1, MAX_WINDOW],
  ["h2-max-resets", "HANDSHAKE_H2_MAX_RESETS", "maxResetsPerWindow", 1, MAX_WINDOW],
].map(([flag, env, key, min, max]) => ({
  flag: flag as keyof typeof H2_FLAGS,
  env: env as string,
  key: key as keyof Pick<
    H2Options,
    | "maxConcurrentStreams"
    | "streamWindow"
    | "connectionWindow"
    | "maxHeaderListSize"
    | "maxResetsPerWindow"
  >,
  min: min as number,
  max: max as number,
}));

const d = DEFAULT_H2_OPTIONS;

/** Chapter 13's lines of `--help`, each with its environment variable. */
export const H2_HELP = `  --h2-max-streams <n>        HTTP/2 streams a client may have open at once, REFUSED_STREAM
                              past it (default ${d.maxConcurrentStreams}; env HANDSHAKE_H2_MAX_STREAMS)
  --h2-stream-window <bytes>  what one HTTP/2 stream may send before we grant more
                              (default ${d.streamWindow}; env HANDSHAKE_H2_STREAM_WINDOW)
  --h2-connection-window <bytes>
                              the same for the whole connection, at least 65535
                              (default ${d.connectionWindow}; env HANDSHAKE_H2_CONNECTION_WINDOW)
  --h2-max-header-list <bytes>
                              largest HTTP/2 header list, 431 past it
                              (default ${d.maxHeaderListSize}; env HANDSHAKE_H2_MAX_HEADER_LIST)
  --h2-max-resets <n>         stream resets per second before GOAWAY (rapid reset)
                              (default ${d.maxResetsPerWindow}; env HANDSHAKE_H2_MAX_RESETS)`;

/**
 * The HTTP/2 limits given, each checked against its range; `pick` finds
 * a flag's text or its variable's, with where it came from.
 */
export function readH2Options(
  pick: (flag: keyof typeof H2_FLAGS, envName: string) => [string, string] | undefined,
  usage: (message: string) => Error,
): H2Settings {
  const h2: H2Settings = {};
  for (const { flag, env, key, min, max } of H2_LIMITS) {
    const set = pick(flag, env);
    if (set === undefined) continue;
    const [text, from] = set;
    const n = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= min && n <= max)) {
      throw usage(`invalid ${flag} ${JSON.stringify(text)} (from ${from}): use ${min}–${max}`);
    }
    h2[key] = n;
  }
  return h2;
}
