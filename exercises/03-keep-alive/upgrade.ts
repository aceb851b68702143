/**
 * The seam for protocol upgrades (RFC 9110 §7.8).
 *
 * A client asks to switch protocols with `Connection: upgrade` and an
 * Upgrade field naming what it wants (`websocket`, `h2c`). The HTTP/1.1
 * connection does not speak those protocols; it only recognises the
 * request and hands the socket to whoever registered for it (chapter 14:
 * WebSocket). With no hook, Upgrade is ignored and the request is answered
 * as plain HTTP, which RFC 9110 §7.8 allows.
 */
import type { Socket } from "node:net";
import type { RequestHead } from "#ch02/request-head-parser.ts";
import { hasConnectionToken } from "./persistence.ts";

/**
 * Takes the socket for another protocol. Called once every earlier
 * response is written. Return true to take the socket: it is handed over
 * paused, with no listeners of ours, and `leftover` holds the bytes that
 * arrived after the head. Return false to have the request answered as
 * plain HTTP.
 */
export type UpgradeHook = (head: RequestHead, socket: Socket, leftover: Uint8Array) => boolean;

/** Does this head ask to switch protocols? Both fields must be present. */
export function asksForUpgrade(head: RequestHead): boolean {
  if (!hasConnectionToken(head.headers, "upgrade")) return false;
  for (const [name] of head.headers) if (name === "upgrade") return true;
  return false;
}
