/**
 * A TCP listener any protocol can run on.
 *
 * Every chapter's server starts here: chapter 01 runs a line echo on each
 * accepted socket, chapter 03 an HTTP/1.1 connection, and so on. This file
 * knows sockets, not protocols: tcpListener binds and hands each socket
 * on (the Listener of connection.ts); listenTcp adds one protocol and the
 * connection set, for a server with a single listener.
 */
import net, { type AddressInfo, type Server, type Socket } from "node:net";
import type { Connection, Listener, ListeningHandle } from "./connection.ts";
import {
  type CloseOptions,
  type CloseReport,
  ConnectionSet,
  closeGracefully,
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
    super(`cannot listen on ${where}: ${reasonFor(code, cause)} (${code})`, {
      cause,
    });
    this.code = code;
  }
}

/**
 * Why listening failed, in words an operator can act on: the three codes
 * a misconfigured server meets most, and the system's own message for the
 * rest.
 *
 * @exercise
 * @hint nudge: three codes deserve a sentence of their own; for anything
 *   else, the system's message is the best there is.
 * @hint concept: EADDRINUSE (another process has the port), EACCES (ports
 *   below 1024 need privileges) and EADDRNOTAVAIL (the host is not one of
 *   this machine's addresses); otherwise cause.message.
 * @hint solution: one `if` per code returning "the address is already in
 *   use", "permission denied (ports below 1024 need privileges)" and "no
 *   such local address"; then return cause.message.
 */
function reasonFor(code: string, cause: Error): string {
  if (code === "EADDRINUSE") return "the address is already in use";
  if (code === "EACCES")
    return "permission denied (ports below 1024 need privileges)";
  if (code === "EADDRNOTAVAIL") return "no such local address";
  return cause.message;
}

function reportListenerError(error: Error): void {
  console.error(`listener: ${error.message}`);
}

/** A plain TCP listener (the Listener every chapter can add). */
export interface TcpListenerOptions extends Endpoint, ListenOptions {
  /** Its name in logs and banners; default "tcp". */
  readonly name?: string;
}

/** A Listener for plain TCP on `options.host`:`options.port`. */
export function tcpListener(options: TcpListenerOptions): Listener {
  const endpoint: Endpoint = { host: options.host, port: options.port };
  return {
    name: options.name ?? "tcp",
    host: options.host,
    port: options.port,
    secure: false,
    listen: async (onSocket, admit) => {
      const accepted =
        admit === undefined
          ? onSocket
          : (socket: Socket) => admit(socket, () => onSocket(socket));
      const server = await bind(endpoint, accepted, options);
      return {
        address: server.address() as AddressInfo,
        close: () => stopAccepting(server),
      };
    },
  };
}

/**
 * Listens on `endpoint`; rejects with a ListenError.
 *
 * @exercise
 * @hint nudge: listen() reports failure (port in use, no permission) as an
 *   'error' event, not by throwing, and only before 'listening'.
 * @hint concept: create the server with allowHalfOpen (the protocol decides
 *   when to send FIN) and hand each socket to onSocket. Wrap listen in a
 *   Promise: before 'listening' an error closes the server and rejects with a
 *   ListenError; after it, errors go to options.onError.
 * @hint solution: create the server (allowHalfOpen, default true), onSocket on
 *   connection. In a promise, a listen error closes it and rejects with a
 *   ListenError; once listening, swap in the lasting error listener and
 *   resolve. A bad port makes listen throw: catch that too.
 */
function bind(
  endpoint: Endpoint,
  onSocket: (socket: Socket) => void,
  options: ListenOptions,
): Promise<Server> {
  const server = net.createServer({
    allowHalfOpen: options.allowHalfOpen ?? true,
  });
  server.on("connection", onSocket);
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => {
      server.close();
      reject(new ListenError(endpoint, error));
    };
    server.once("error", fail);
    server.once("listening", () => {
      server.off("error", fail);
      server.on("error", options.onError ?? reportListenerError);
      resolve(server);
    });
    try {
      server.listen({ host: endpoint.host, port: endpoint.port });
    } catch (error) {
      fail(error as NodeJS.ErrnoException); // e.g. ERR_SOCKET_BAD_PORT
    }
  });
}

/**
 * Bind `endpoint` and run `serve` on every accepted socket: one listener,
 * one protocol, and the connection set a graceful close needs.
 *
 * @exercise
 * @hint nudge: every accepted socket must be tracked, even one its protocol
 *   refused: a graceful close must reach them all.
 * @hint concept: make a ConnectionSet; for each socket run serve and add the
 *   socket with the connection serve returned, if any (that is what a
 *   graceful close asks to finish); bind, and return the handle for the
 *   server and the set.
 * @hint solution: make a ConnectionSet. The socket handler adds each socket
 *   with what serve returned for it. bind with that handler, and return
 *   handleFor the server and the set.
 */
export async function listenTcp(
  endpoint: Endpoint,
  serve: (socket: Socket) => Connection | undefined,
  options: ListenOptions = {},
): Promise<TcpServerHandle> {
  const connections = new ConnectionSet();
  const onSocket = (socket: Socket): void => {
    connections.add(socket, serve(socket));
  };
  const server = await bind(endpoint, onSocket, options);
  return handleFor(server, connections);
}

/**
 * Stop accepting. server.close()'s callback would wait for every open
 * connection to end, so it is not awaited: the listening socket is closed
 * at once, and closing connections is closeGracefully's job.
 */
function stopAccepting(server: Server): Promise<void> {
  server.close();
  return Promise.resolve();
}

function handleFor(
  server: Server,
  connections: ConnectionSet,
): TcpServerHandle {
  let closing: Promise<void> | undefined;
  let report: CloseReport | undefined;
  const listening: ListeningHandle = {
    address: server.address() as AddressInfo,
    close: () => stopAccepting(server),
  };
  return {
    address: listening.address,
    server,
    get connections() {
      return connections.sockets;
    },
    get closeReport() {
      return report;
    },
    close(options?: CloseOptions): Promise<void> {
      closing ??= closeGracefully([listening], connections, options).then(
        (r) => {
          report = r;
        },
      );
      return closing;
    },
  };
}
