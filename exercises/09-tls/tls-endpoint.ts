/**
 * The TLS listener as the server sees it: chapter 01's Listener seam,
 * with everything this chapter adds behind `listen()`. Listening loads
 * the certificates (or makes the development one), starts watching them,
 * and only then binds; the ALPN ids are read at that moment, so a later
 * chapter that adds a protocol (h2) is offered too.
 */
import type { Listener, ListeningHandle } from "#ch01/connection.ts";
import { CertificateStore, type PairSource } from "./certificate-store.ts";
import { watchCertificates } from "./certificate-watch.ts";
import { devCertificate, trustHint } from "./dev-certificate.ts";
import { listenTls, type TlsListenOptions } from "./tls-listener.ts";

export interface TlsEndpointOptions
  extends Omit<TlsListenOptions, "store" | "alpn" | "log"> {
  /** Certificate pairs, the first the default; none: the dev certificate. */
  readonly pairs: readonly PairSource[];
  /** ALPN ids, read when listening starts (server preference order). */
  readonly alpn: () => readonly string[];
  readonly log?: (line: string) => void;
}

/** A Listener named "https" that serves TLS on host:port. */
export function tlsListener(options: TlsEndpointOptions): Listener {
  const log = options.log ?? ((line: string) => console.error(line));
  return {
    name: "https",
    host: options.host,
    port: options.port,
    secure: true,
    async listen(onSocket, admit): Promise<ListeningHandle> {
      let pairs = options.pairs;
      if (pairs.length === 0) {
        const dev = await devCertificate();
        for (const line of trustHint(dev.certPath, options.port)) log(line);
        pairs = [dev];
      }
      const store = await CertificateStore.load(pairs, log);
      const listening = await listenTls(
        { ...options, store, log, alpn: options.alpn(), admit },
        onSocket,
      );
      const watch = watchCertificates(store, {
        onReloaded: listening.refreshDefault,
      });
      return {
        address: listening.address,
        close: async () => {
          watch.close();
          await listening.close();
        },
      };
    },
  };
}
