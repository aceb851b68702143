/**
 * The entry points: serve HTTP/1.1 on sockets a listener accepts.
 *
 *     const serve = http1ConnectionHandler(handler, { keepAliveTimeoutMs: 2000 });
 *     net.createServer(serve).listen(8080);
 */
import type { Socket } from "node:net";
import { type ConnectionOptions, resolveOptions } from "./connection-options.ts";
import { Http1Connection } from "./http1-connection.ts";
import type { Handler } from "./message.ts";

/** A per-socket entry point with the options resolved once. */
export function http1ConnectionHandler(
  handler: Handler,
  options: Partial<ConnectionOptions> = {},
): (socket: Socket) => void {
  const resolved = resolveOptions(options);
  return (socket) => {
    new Http1Connection(socket, handler, resolved);
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
