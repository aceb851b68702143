/**
 * The chapter's TLS listener running chapter 03's HTTP/1.1 connection
 * over a handler, on port 0, with a recording log. `close()` destroys
 * every open socket so vitest can exit.
 */
import type { TLSSocket } from "node:tls";
import type { Http1Connection } from "#ch03/http1-connection.ts";
import type { Handler } from "#ch03/message.ts";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";
import { CertificateStore, type PairSource } from "#ch09/certificate-store.ts";
import { listenTls, type TlsListenOptions, type TlsListening } from "#ch09/tls-listener.ts";

export interface TestTlsServer {
  readonly port: number;
  readonly host: string;
  readonly store: CertificateStore;
  readonly listening: TlsListening;
  readonly logged: string[];
  /** Sockets that finished a handshake. */
  readonly sockets: Set<TLSSocket>;
  /** The HTTP/1.1 connection made on each, in order. */
  readonly connections: Http1Connection[];
  /** How many handshakes finished so far. */
  accepted(): number;
  close(): Promise<void>;
}

/** A handler that names the connection's TLS facts. */
export const whoAmI: Handler = (request) => ({
  status: 200,
  headers: [["content-type", "text/plain"]],
  body: `secure=${request.connection.secure} ${request.method} ${request.target}\n`,
});

export async function startTlsServer(
  sources: readonly PairSource[],
  options: Partial<TlsListenOptions> & { readonly handler?: Handler } = {},
): Promise<TestTlsServer> {
  const logged: string[] = [];
  const log = (line: string): void => void logged.push(line);
  const store = await CertificateStore.load(sources, log);
  const serve = http1ConnectionHandler(options.handler ?? whoAmI);
  const sockets = new Set<TLSSocket>();
  const connections: Http1Connection[] = [];
  let accepted = 0;
  const host = options.host ?? "127.0.0.1";
  const listening = await listenTls(
    { alpn: ["http/1.1"], ...options, host, port: 0, store, log },
    (socket) => {
      accepted++;
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      connections.push(serve(socket));
    },
  );
  return {
    port: listening.address.port,
    host,
    store,
    listening,
    logged,
    sockets,
    connections,
    accepted: () => accepted,
    close: async () => {
      for (const s of sockets) s.destroy();
      await listening.close();
    },
  };
}
