// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Switching protocols (RFC 9110 §7.8), as a handler's answer.
 *
 * A client asks with `Connection: upgrade` and an Upgrade field naming
 * what it wants (`websocket`, `h2c`). The connection does not speak those
 * protocols; a handler that does answers 101 with an `upgrade` callback,
 * and the connection carries it out: it writes the 101 head, stops
 * reading HTTP, and hands the byte stream to the callback. Being an
 * ordinary response, an upgrade passes through every middleware on the
 * way, so authentication, logging and rate limits apply to it as to any
 * request. A handler that does not answer 101 leaves Upgrade ignored,
 * which RFC 9110 §7.8 allows.
 */
import { getHeader } from "#ch02/header-list.ts";
import type { RequestHead } from "#ch02/request-head-parser.ts";
import type { Sendable } from "./error-response.ts";
import type { HttpResponse } from "./message.ts";
import { hasConnectionToken } from "./persistence.ts";
import { serializeHead } from "./response-head.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * Does this head ask to switch protocols? Both fields must be present,
 * and the request must be HTTP/1.1: RFC 9110 §7.8 says a server MUST
 * ignore an Upgrade field received in an HTTP/1.0 request, since an old
 * intermediary may have forwarded it without understanding it.
 *
 * @exercise
 */
export function asksForUpgrade(head: RequestHead): boolean {
  throw new NotImplemented({
    chapter: "03",
    name: "asksForUpgrade",
    file: "exercises/03-keep-alive/upgrade.ts",
    hint: "an upgrade request carries two fields, and only HTTP/1.1 has the mechanism.",
  });
}

/** The 101 head for `response`, or why it cannot be sent. */
export type SwitchResult =
  | Sendable
  | { readonly kind: "invalid"; readonly reason: string };

/**
 * Encodes a switch: status 101, the handler's Upgrade field naming the
 * protocol (RFC 9110 §7.8: a server MUST send one with 101), and
 * `Connection: upgrade`. No body and no length: the bytes that follow
 * belong to the new protocol. Refused when the request did not ask.
 *
 * @exercise
 */
export function encodeSwitch(
  response: HttpResponse,
  asked: boolean,
  date: string,
): SwitchResult {
  throw new NotImplemented({
    chapter: "03",
    name: "encodeSwitch",
    file: "exercises/03-keep-alive/upgrade.ts",
    hint: "a 101 is only valid for a request that asked, and it must say what it switches to.",
  });
}
