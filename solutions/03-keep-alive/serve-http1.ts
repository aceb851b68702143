/**
 * The entry points: serve HTTP/1.1 on sockets a listener accepts.
 *
 *     const serve = http1ConnectionHandler(handler, { keepAliveTimeoutMs: 2000 });
 *     net.createServer(serve).listen(8080);
 *
 * The assembled server uses http1Protocol: the same connection, as the
 * Protocol that chapter 01's server runs on each socket it accepts.
 */
import type { Socket } from "node:net";
import type { Protocol } from "#ch01/connection.ts";
import {
  type ConnectionOptions,
  resolveOptions,
} from "./connection-options.ts";
import { Http1Connection } from "./http1-connection.ts";
import type { Handler } from "./message.ts";

/** A per-socket entry point with the options resolved once. */
export function http1ConnectionHandler(
  handler: Handler,
  options: Partial<ConnectionOptions> = {},
): (socket: Socket) => Http1Connection {
  const resolved = resolveOptions(options);
  return (socket) => new Http1Connection(socket, handler, resolved);
}

/**
 * HTTP/1.1 as a Protocol: ALPN id "http/1.1", and the default on plain sockets.
 */
export function http1Protocol(
  handler: Handler,
  options: Partial<ConnectionOptions> = {},
): Protocol {
  const resolved = resolveOptions(options);
  return {
    id: "http/1.1",
    serve: (socket, info) =>
      new Http1Connection(socket, handler, resolved, info),
  };
}

/**
 * Serves HTTP/1.1 on one accepted socket until it closes. Options are
 * resolved per call; http1ConnectionHandler resolves them once.
 */
export function serveHttp1(
  socket: Socket,
  handler: Handler,
  options: Partial<ConnectionOptions> = {},
): Http1Connection {
  return new Http1Connection(socket, handler, resolveOptions(options));
}
