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

/**
 * Does this head ask to switch protocols? Both fields must be present,
 * and the request must be HTTP/1.1: RFC 9110 §7.8 says a server MUST
 * ignore an Upgrade field received in an HTTP/1.0 request, since an old
 * intermediary may have forwarded it without understanding it.
 *
 * @exercise
 * @hint nudge: an upgrade request carries two fields, and only HTTP/1.1 has the
 *   mechanism.
 * @hint concept: RFC 9110 §7.8: a client asks with an Upgrade field and the
 *   token 'upgrade' in Connection (the field is hop-by-hop); HTTP/1.0 has no
 *   upgrade.
 * @hint solution: check the version, then hasConnectionToken(head.headers,
 *   'upgrade'), then look for a field named upgrade.
 */
export function asksForUpgrade(head: RequestHead): boolean {
  if (head.version !== "HTTP/1.1") return false;
  if (!hasConnectionToken(head.headers, "upgrade")) return false;
  for (const [name] of head.headers) if (name === "upgrade") return true;
  return false;
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
 * @hint nudge: a 101 is only valid for a request that asked, and it must say
 *   what it switches to.
 * @hint concept: refuse when the request did not ask, the status is not 101, or
 *   no Upgrade field is set (RFC 9110 §15.2.2: the server MUST generate one).
 *   The head has no length and Connection: upgrade; its bytes are the whole
 *   response, and the connection stays open.
 * @hint solution: three invalid returns; serializeHead({ status: 101, reason,
 *   headers, length: 'none', connection: 'upgrade', date, framing: [] }); an
 *   error becomes invalid; else bytes with close false.
 */
export function encodeSwitch(
  response: HttpResponse,
  asked: boolean,
  date: string,
): SwitchResult {
  if (!asked)
    return {
      kind: "invalid",
      reason: "upgrade for a request that did not ask",
    };
  if (response.status !== 101) {
    return {
      kind: "invalid",
      reason: `upgrade with status ${response.status}, not 101`,
    };
  }
  const headers = response.headers ?? [];
  if (getHeader(headers, "upgrade") === undefined) {
    return { kind: "invalid", reason: "101 without an Upgrade field" };
  }
  const result = serializeHead({
    status: 101,
    reason: response.reason,
    headers,
    length: "none",
    connection: "upgrade",
    date,
    framing: [],
  });
  if (result.kind === "error")
    return { kind: "invalid", reason: result.reason };
  return { kind: "bytes", bytes: result.head, close: false };
}
