/**
 * The CLI's flags and environment, read and checked. Kept apart from
 * src/cli.ts so tests can call it without starting a server.
 */
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import { LOCAL_HOSTS } from "#ch10/host-check.ts";
import { latestChapter } from "./assembly.ts";
import { H2_FLAGS, H2_HELP, type H2Settings, readH2Options } from "./cli-h2-options.ts";
import { readTlsOptions, TLS_FLAGS, TLS_HELP } from "./cli-tls-options.ts";
import type { TlsSettings } from "./stages/09-tls.ts";

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8080;

export const HELP = `Handshake — an HTTP server built from a raw TCP socket up.

Usage: npm start -- [options]      (or: handshake [options])

Options:
  --host <address>   address to listen on, repeatable; :: is dual stack (default
                     ${DEFAULT_HOST}; env HANDSHAKE_HOST, comma-separated)
  --port <number>    port, 0 for any free port (default ${DEFAULT_PORT}; env HANDSHAKE_PORT or PORT)
  --chapter <n>      run the server as of chapter n (default: every chapter; env HANDSHAKE_CHAPTER)
  --root <dir>       folder served as static files at / (chapter 06; default: the built
                     book when it is next to this program; env HANDSHAKE_STATIC_ROOT)
                     (env HANDSHAKE_STATIC_PENDING=<file>: 503 while that file exists)
  --keep-alive-timeout <ms>   close idle keep-alive connections after ms (default 5000;
                              env HANDSHAKE_KEEP_ALIVE_TIMEOUT_MS)
  --headers-timeout <ms>      time allowed to send a request head (default 10000;
                              env HANDSHAKE_HEADERS_TIMEOUT_MS)
  --max-requests <n>          requests per connection before closing it (default 100000;
                              env HANDSHAKE_MAX_REQUESTS)
  --linger-timeout <ms>       how long a closing connection waits for the client's FIN
                              (default 5000; env HANDSHAKE_LINGER_TIMEOUT_MS)
  --max-body-bytes <n>        largest request body accepted, larger ones get 413
                              (default 1048576; env HANDSHAKE_MAX_BODY_BYTES)
  --gzip-level <0-9>          zlib level for gzip and deflate made per request
                              (default 6; env HANDSHAKE_GZIP_LEVEL)
  --brotli-quality <0-11>     Brotli quality for responses made per request
                              (default 4; env HANDSHAKE_BROTLI_QUALITY)
  --compress-min-bytes <n>    bodies smaller than this go out uncompressed
                              (default 1024; env HANDSHAKE_COMPRESS_MIN_BYTES)
  --shutdown-grace <ms>       on Ctrl-C, how long busy connections may finish before
                              they are cut (default 5000; env HANDSHAKE_SHUTDOWN_GRACE_MS)
  --read-mode <mode>          own-buffer: read into one shared buffer where the socket
                              allows it; stream: 'data' events (default own-buffer;
                              env HANDSHAKE_READ_MODE)
${TLS_HELP}
${H2_HELP}
  --allowed-host <name>       the Host allow-list (DNS-rebinding defence): answer only
                              localhost, 127.0.0.1, [::1], the --host address and these
                              names, 421 for others; repeatable; "*.example.com" for
                              subdomains; "*" answers any name (default: on with the local
                              names when every --host is loopback, else off; env
                              HANDSHAKE_ALLOWED_HOSTS, commas)
  --rate-limit <n>            at most n requests per client address per 60 s, 429 past it
                              (default off; env HANDSHAKE_RATE_LIMIT)
  --max-connections <n>       open connections in all; past it new ones wait up to 2 s,
                              then get 503 (default 10000; env HANDSHAKE_MAX_CONNECTIONS)
  --max-connections-per-address <n>
                              open connections from one client address, 503 past it
                              (default 256; raise it behind a reverse proxy, whose
                              connections all come from one address; env
                              HANDSHAKE_MAX_CONNECTIONS_PER_ADDRESS)
  -h, --help         show this help

Stop with Ctrl-C: the server stops accepting, lets open connections finish,
then exits.`;

/** A user error: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface CliOptions {
  readonly host: string;
  /** Every --host, the first being `host` (chapter 09: several addresses). */
  readonly hosts: readonly string[];
  readonly port: number;
  /** Serve HTTPS too (chapter 09); absent: plain only. */
  readonly tls?: TlsSettings;
  readonly chapter: number;
  readonly help: boolean;
  /** Folder to serve as static files, as given (relative to the cwd). */
  readonly staticRoot?: string;
  /** HANDSHAKE_STATIC_PENDING: while this file exists, the root is being built. */
  readonly staticPending?: string;
  /** Limits every protocol applies (ServerSettings.limits). */
  readonly limits: {
    idleTimeoutMs?: number;
    headersTimeoutMs?: number;
    maxBodyBytes?: number;
    shutdownGraceMs?: number;
  };
  /** What only HTTP/1.1 has (chapter 03's options). */
  readonly http1: {
    maxRequestsPerConnection?: number;
    lingerTimeoutMs?: number;
    readMode?: "own-buffer" | "stream";
  };
  /** Chapter 10's Host allow-list; undefined turns the check off ("*"). */
  readonly hardening: {
    allowedHosts?: readonly string[] | undefined;
    rateLimit?: { policy: { capacity: number; windowSeconds: number } };
    connections?: { maxConnections?: number; maxConnectionsPerAddress?: number };
  };
  /** HTTP/2's own limits the operator set (chapter 13's, cli-h2-options.ts). */
  readonly h2: H2Settings;
  /** Compression levels and threshold the operator set (chapter 08's). */
  readonly compression: {
    levels?: { gzip?: number; deflate?: number; br?: number };
    threshold?: number;
  };
}

/** A whole number from `min` to `max` (a level or quality), or a UsageError. */
function parseLevel(text: string, from: string, min: number, max: number): number {
  if (!/^\d{1,2}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`invalid level ${JSON.stringify(text)} (from ${from}): use ${min}–${max}`);
  }
  return Number(text);
}

const READ_MODES = ["own-buffer", "stream"] as const;

function parseReadMode(text: string, from: string): (typeof READ_MODES)[number] {
  const mode = READ_MODES.find((m) => m === text);
  if (mode === undefined) {
    throw new UsageError(
      `invalid read mode ${JSON.stringify(text)} (from ${from}): use ${READ_MODES.join(" or ")}`,
    );
  }
  return mode;
}

/** A positive whole number of milliseconds or requests, or a UsageError. */
function parseCount(text: string, from: string, what: string): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
    throw new UsageError(
      `invalid ${what} ${JSON.stringify(text)} (from ${from}): use a whole number ≥ 1`,
    );
  }
  return Number(text);
}

function parsePort(text: string, from: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`invalid port ${JSON.stringify(text)} (from ${from}): use 0–65535`);
  }
  return Number(text);
}

function parseChapter(text: string, from: string): number {
  const latest = latestChapter();
  const n = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 1 && n <= latest)) {
    throw new UsageError(
      `invalid chapter ${JSON.stringify(text)} (from ${from}): choose 1–${latest}`,
    );
  }
  return n;
}

/**
 * `--port -1` as `--port=-1`: a negative number after a flag is its value,
 * refused then with the flag's range, where parseArgs would call it an
 * ambiguous option in three lines.
 */
function negativeValuesJoined(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (/^--[\w-]+$/.test(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Read flags and environment into options; throws UsageError. */
export function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  let values: ReturnType<typeof parse>["values"];
  function parse() {
    return parseArgs({
      args: negativeValuesJoined(argv),
      options: {
        host: { type: "string", multiple: true },
        ...TLS_FLAGS,
        ...H2_FLAGS,
        port: { type: "string" },
        chapter: { type: "string" },
        root: { type: "string" },
        help: { type: "boolean", short: "h" },
        "keep-alive-timeout": { type: "string" },
        "headers-timeout": { type: "string" },
        "max-requests": { type: "string" },
        "linger-timeout": { type: "string" },
        "read-mode": { type: "string" },
        "max-body-bytes": { type: "string" },
        "shutdown-grace": { type: "string" },
        "gzip-level": { type: "string" },
        "brotli-quality": { type: "string" },
        "compress-min-bytes": { type: "string" },
        "allowed-host": { type: "string", multiple: true },
        "rate-limit": { type: "string" },
        "max-connections": { type: "string" },
        "max-connections-per-address": { type: "string" },
      },
      strict: true,
    });
  }
  try {
    values = parse().values;
  } catch (err) {
    // parseArgs explains some mistakes over several lines; one is enough.
    throw new UsageError(`${(err as Error).message.split("\n")[0]}; see --help`);
  }
  const portText = values.port ?? env.HANDSHAKE_PORT ?? env.PORT;
  const portFrom = values.port ? "--port" : env.HANDSHAKE_PORT ? "HANDSHAKE_PORT" : "PORT";
  const chapterText = values.chapter ?? env.HANDSHAKE_CHAPTER;
  const chapterFrom = values.chapter ? "--chapter" : "HANDSHAKE_CHAPTER";
  /** A setting's text and where it came from: the flag wins over the variable. */
  const pick = (flag: keyof typeof values, envName: string): [string, string] | undefined => {
    const given = values[flag];
    if (typeof given === "string") return [given, `--${flag}`];
    const text = env[envName];
    return text === undefined ? undefined : [text, envName];
  };
  const limits: CliOptions["limits"] = {};
  const counts = [
    ["keep-alive-timeout", "HANDSHAKE_KEEP_ALIVE_TIMEOUT_MS", "idleTimeoutMs", "timeout"],
    ["headers-timeout", "HANDSHAKE_HEADERS_TIMEOUT_MS", "headersTimeoutMs", "timeout"],
    ["max-body-bytes", "HANDSHAKE_MAX_BODY_BYTES", "maxBodyBytes", "body size"],
    ["shutdown-grace", "HANDSHAKE_SHUTDOWN_GRACE_MS", "shutdownGraceMs", "grace period"],
  ] as const;
  for (const [flag, envName, key, what] of counts) {
    const set = pick(flag, envName);
    if (set) limits[key] = parseCount(...set, what);
  }
  const http1: CliOptions["http1"] = {};
  const maxRequests = pick("max-requests", "HANDSHAKE_MAX_REQUESTS");
  if (maxRequests) http1.maxRequestsPerConnection = parseCount(...maxRequests, "request count");
  const linger = pick("linger-timeout", "HANDSHAKE_LINGER_TIMEOUT_MS");
  if (linger) http1.lingerTimeoutMs = parseCount(...linger, "timeout");
  const readMode = pick("read-mode", "HANDSHAKE_READ_MODE");
  if (readMode) http1.readMode = parseReadMode(...readMode);
  const compression: CliOptions["compression"] = {};
  const levels: NonNullable<CliOptions["compression"]["levels"]> = {};
  const gzip = pick("gzip-level", "HANDSHAKE_GZIP_LEVEL");
  if (gzip) levels.gzip = levels.deflate = parseLevel(...gzip, 0, 9);
  const br = pick("brotli-quality", "HANDSHAKE_BROTLI_QUALITY");
  if (br) levels.br = parseLevel(...br, 0, 11);
  if (Object.keys(levels).length > 0) compression.levels = levels;
  const min = pick("compress-min-bytes", "HANDSHAKE_COMPRESS_MIN_BYTES");
  if (min) compression.threshold = parseCount(...min, "byte count");
  const hosts = values.host ?? (env.HANDSHAKE_HOST ?? DEFAULT_HOST).split(",");
  const hardening: CliOptions["hardening"] = {};
  const allowed = values["allowed-host"] ?? env.HANDSHAKE_ALLOWED_HOSTS?.split(",");
  const names = (allowed ?? []).map((h) => h.trim()).filter((h) => h !== "");
  if (names.includes("*")) hardening.allowedHosts = undefined;
  else if (names.length > 0) hardening.allowedHosts = [...LOCAL_HOSTS, ...names];
  else if (hosts.every(isLoopback)) hardening.allowedHosts = LOCAL_HOSTS;
  const rate = pick("rate-limit", "HANDSHAKE_RATE_LIMIT");
  if (rate) {
    const capacity = parseCount(...rate, "request count");
    hardening.rateLimit = { policy: { capacity, windowSeconds: 60 } };
  }
  const connections: NonNullable<CliOptions["hardening"]["connections"]> = {};
  const most = pick("max-connections", "HANDSHAKE_MAX_CONNECTIONS");
  if (most) connections.maxConnections = parseCount(...most, "connection count");
  const perAddress = pick("max-connections-per-address", "HANDSHAKE_MAX_CONNECTIONS_PER_ADDRESS");
  if (perAddress) {
    connections.maxConnectionsPerAddress = parseCount(...perAddress, "connection count");
  }
  if (Object.keys(connections).length > 0) hardening.connections = connections;
  const h2 = readH2Options(pick, (m) => new UsageError(m));
  const tls = readTlsOptions(
    values,
    env,
    parsePort,
    (m) => new UsageError(m),
    (flag, name, what) => {
      const set = pick(flag, name);
      return set && parseCount(...set, what);
    },
  );
  const staticRoot = values.root ?? env.HANDSHAKE_STATIC_ROOT;
  const staticPending = env.HANDSHAKE_STATIC_PENDING;
  return {
    ...(tls ? { tls } : {}),
    hosts,
    ...(staticRoot === undefined || staticRoot === "" ? {} : { staticRoot }),
    ...(staticPending === undefined || staticPending === "" ? {} : { staticPending }),
    limits,
    http1,
    h2,
    compression,
    hardening,
    host: hosts[0] ?? DEFAULT_HOST,
    port: portText === undefined ? DEFAULT_PORT : parsePort(portText, portFrom),
    chapter: chapterText === undefined ? latestChapter() : parseChapter(chapterText, chapterFrom),
    help: values.help ?? false,
  };
}

/**
 * Whether a listen address is loopback only: 127.0.0.0/8, ::1 or
 * localhost. DNS rebinding (chapter 10) aims at exactly such servers, and
 * only local names reach them, so there the Host allow-list is on unless
 * the operator says `--allowed-host '*'`. A server on a wildcard or a
 * public address is reached under names we cannot guess: its list stays
 * off until the operator names them.
 */
export function isLoopback(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (bare === "localhost" || bare === "::1") return true;
  const mapped = bare.startsWith("::ffff:") ? bare.slice(7) : bare;
  return isIP(mapped) === 4 && mapped.startsWith("127.");
}

/** Format a start-up failure as one line. */
export function describeStartError(err: unknown, options: CliOptions): string {
  const e = err as NodeJS.ErrnoException;
  // The listener's error carries Node's own as its cause, with the port that
  // failed: with --tls there are two, and the message must name the right one.
  const cause = (e.cause ?? e) as NodeJS.ErrnoException & { port?: number };
  const port = cause.port ?? options.port;
  const flag = options.tls !== undefined && port === options.tls.port ? "--tls-port" : "--port";
  if (e.code === "EADDRINUSE") {
    return `port ${port} on ${options.host} is already in use: stop the other server or choose another with ${flag}`;
  }
  if (e.code === "EACCES") {
    return `not allowed to listen on ${options.host}:${options.port}: ports below 1024 need privileges; try --port 8080`;
  }
  if (e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND") {
    return `cannot listen on ${options.host}: no such local address`;
  }
  return e.message;
}
