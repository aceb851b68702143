/**
 * HTTP/2 as a Protocol (chapter 01's seam): the id "h2" that ALPN offers
 * on TLS sockets (RFC 9113 §3.2), and the connection preface that tells
 * an HTTP/2 client from an HTTP/1.1 one on a plain socket (§3.3, prior
 * knowledge). Chapter 03's protocol choice does the telling; this file
 * only says what to start.
 */
import type { Protocol } from "#ch01/connection.ts";
import type { Handler } from "#ch03/message.ts";
import { CONNECTION_PREFACE } from "#ch11/frame-types.ts";
import { H2Connection } from "./h2-connection.ts";
import type { H2Options } from "./h2-options.ts";

export function h2Protocol(
  handler: Handler,
  options: Partial<H2Options> = {},
): Protocol {
  return {
    id: "h2",
    preface: CONNECTION_PREFACE,
    serve: (socket, info) => new H2Connection(socket, info, handler, options),
  };
}
