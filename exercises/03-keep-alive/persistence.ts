// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Does the connection outlive this exchange? RFC 9112 §9.3.
 *
 * HTTP/1.1 made persistence the default: "A recipient determines whether a
 * connection is persistent or not based on the protocol version and
 * Connection header field" of the most recently received message. HTTP/1.0
 * predates that and closes unless both sides opt in with the (never
 * standardised, universally understood) `Connection: keep-alive`.
 */
import type { HeaderList } from "./message.ts";
import { NotImplemented } from "#course/not-implemented.ts";

const COMMA = 0x2c;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * True when a Connection field lists `token` (lowercase). Connection is a
 * comma-separated list of case-insensitive options (RFC 9110 §7.6.1), and
 * may be repeated, so "Connection: foo, Close" means close.
 *
 * @exercise
 */
export function hasConnectionToken(
  headers: HeaderList,
  token: string,
): boolean {
  throw new NotImplemented({
    chapter: "03",
    name: "hasConnectionToken",
    file: "exercises/03-keep-alive/persistence.ts",
    hint: "there can be several Connection fields.",
  });
}

/**
 * Does a response's own Connection field say close? The loop of
 * hasConnectionToken, kept apart on purpose. V8 records, per loop, the
 * kinds of array it has read; a handler's constant response has frozen
 * pairs, and once one was on hasConnectionToken's record, every request's
 * checks (persistence, upgrade) read their fields through a call, about
 * 600 instructions per pipelined request.
 */
export function responseCloses(headers: HeaderList): boolean {
  for (let i = 0; i < headers.length; i++) {
    const field = headers[i] as readonly [string, string];
    if (field[0] === "connection" && listHasToken(field[1], "close"))
      return true;
  }
  return false;
}

/**
 * Scans a comma list without allocating: the hot path runs it per request.
 *
 * @exercise
 */
function listHasToken(list: string, token: string): boolean {
  throw new NotImplemented({
    chapter: "03",
    name: "listHasToken",
    file: "exercises/03-keep-alive/persistence.ts",
    hint: "'Connection: keep-alive, Upgrade' is a list; the token can be anywhere in it, with spaces around.",
  });
}

const isOws = (c: number): boolean => c === SPACE || c === TAB || c === COMMA;

/**
 * True when `text` at `at` spells `lower`, ignoring ASCII case.
 *
 * @exercise
 */
function sameIgnoringCase(text: string, at: number, lower: string): boolean {
  throw new NotImplemented({
    chapter: "03",
    name: "sameIgnoringCase",
    file: "exercises/03-keep-alive/persistence.ts",
    hint: "connection options are case-insensitive tokens, and we compare without building a lowercased copy.",
  });
}

/**
 * Should the connection stay open after answering this request?
 * RFC 9112 §9.3, in order: a "close" option always closes; HTTP/1.1 is
 * persistent by default; HTTP/1.0 is persistent only with "keep-alive".
 *
 * @exercise
 */
export function shouldKeepAlive(version: string, headers: HeaderList): boolean {
  throw new NotImplemented({
    chapter: "03",
    name: "shouldKeepAlive",
    file: "exercises/03-keep-alive/persistence.ts",
    hint: "the answer depends on two things only: the version and the Connection field.",
  });
}
