/**
 * A TCP listener any protocol can run on.
 *
 * Every chapter's server starts here: chapter 01 runs a line echo on each
 * accepted socket, chapter 03 an HTTP/1.1 connection, and so on. This file
 * knows sockets, not protocols: it binds, hands each socket to a
 * connection handler, keeps count of open sockets, and closes gracefully.
 */
import net, { type AddressInfo, type Server, type Socket } from "node:net";
import {
  type CloseOptions,
  type CloseReport,
  closeGracefully,
  trackConnections,
} from "./graceful-close.ts";

/** Where to listen. Port 0 asks the kernel for any free port. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export interface ListenOptions {
  /**
   * Keep our sending side open after the peer's FIN (default true). Node's
   * default, false, ends our side as soon as the peer ends theirs; with
   * true the protocol decides when to send FIN, after it has answered.
   */
  readonly allowHalfOpen?: boolean;
  /**
   * Errors on the listening socket after start-up (e.g. EMFILE, out of file
   * descriptors). Default: one line on stderr; the server keeps running.
   */
  readonly onError?: (error: Error) => void;
}

export interface TcpServerHandle {
  /** The bound address; with port 0, the port the kernel chose. */
  readonly address: AddressInfo;
  readonly server: Server;
  /** Sockets open right now. */
  readonly connections: ReadonlySet<Socket>;
  /**
   * Graceful close (see closeGracefully); repeated calls share the first.
   * Resolves when every connection is closed.
   */
  close(options?: CloseOptions): Promise<void>;
  /** How the close went; undefined until close() has finished. */
  readonly closeReport: CloseReport | undefined;
}

/**
 * Listening failed. `code` is the system error code (EADDRINUSE, EACCES,
 * EADDRNOTAVAIL...) so a CLI can turn it into one helpful line.
 */
export class ListenError extends Error {
  override readonly name = "ListenError";
  readonly code: string;

  constructor(endpoint: Endpoint, cause: NodeJS.ErrnoException) {
    const code = cause.code ?? "EUNKNOWN";
    const where = `${endpoint.host}:${endpoint.port}`;
    super(`cannot listen on ${where}: ${reasonFor(code, cause)} (${code})`, { cause });
    this.code = code;
  }
}

function reasonFor(code: string, cause: Error): string {
  if (code === "EADDRINUSE") return "the address is already in use";
  if (code === "EACCES") return "permission denied (ports below 1024 need privileges)";
  if (code === "EADDRNOTAVAIL") return "no such local address";
  return cause.message;
}

function reportListenerError(error: Error): void {
  console.error(`listener: ${error.message}`);
}

/**
 * Bind `endpoint` and run `onConnection` on every accepted socket.
 *
 * @exercise
 * @hint nudge: listen() reports failure (port in use, no permission) as an
 *   'error' event, not by throwing, and only before 'listening'.
 * @hint concept: create the server with allowHalfOpen (so the protocol decides
 *   when to send FIN), track its connections, hand each accepted socket to
 *   onConnection, and wrap listen in a Promise: before 'listening', an error
 *   rejects with a ListenError; after it, errors go to options.onError.
 * @hint solution: net.createServer({ allowHalfOpen: options.allowHalfOpen ??
 *   true }); trackConnections; server.on('connection', onConnection); return a
 *   Promise whose fail() closes the server and rejects with new
 *   ListenError(endpoint, error); once 'listening', swap the error listener and
 *   resolve(handleFor(server, connections)); call server.listen inside
 *   try/catch (a bad port throws synchronously).
 */
export function listenTcp(
  endpoint: Endpoint,
  onConnection: (socket: Socket) => void,
  options: ListenOptions = {},
): Promise<TcpServerHandle> {
  const server = net.createServer({ allowHalfOpen: options.allowHalfOpen ?? true });
  const connections = trackConnections(server);
  server.on("connection", onConnection);
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => {
      server.close();
      reject(new ListenError(endpoint, error));
    };
    server.once("error", fail);
    server.once("listening", () => {
      server.off("error", fail);
      server.on("error", options.onError ?? reportListenerError);
      resolve(handleFor(server, connections));
    });
    try {
      server.listen({ host: endpoint.host, port: endpoint.port });
    } catch (error) {
      fail(error as NodeJS.ErrnoException); // e.g. ERR_SOCKET_BAD_PORT
    }
  });
}

function handleFor(server: Server, connections: ReadonlySet<Socket>): TcpServerHandle {
  let closing: Promise<void> | undefined;
  let report: CloseReport | undefined;
  return {
    address: server.address() as AddressInfo,
    server,
    connections,
    get closeReport() {
      return report;
    },
    close(options?: CloseOptions): Promise<void> {
      closing ??= closeGracefully(server, connections, options).then((r) => {
        report = r;
      });
      return closing;
    },
  };
}
