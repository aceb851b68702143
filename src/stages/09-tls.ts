/**
 * Chapter 09's piece of the server: a TLS listener beside the plain one
 * (solutions/09-tls/), when the operator asks for it with `--tls`.
 *
 * Both listeners hand their sockets to the same place, which picks the
 * protocol by ALPN on TLS sockets; the TLS listener offers the ids of
 * every protocol the final plan speaks. Requests that arrive over TLS have
 * `connection.secure` set, and on those responses carry
 * Strict-Transport-Security; plain requests can be redirected to HTTPS.
 */
import type { Handler } from "#ch03/message.ts";
import { READS_NOTHING } from "#ch05/answer-memo.ts";
import type { PairSource } from "#ch09/certificate-store.ts";
import { httpsRedirect, strictTransportSecurity } from "#ch09/https-middleware.ts";
import { tlsListener } from "#ch09/tls-endpoint.ts";
import type { Stage } from "./stage.ts";

/** 8443, the customary unprivileged HTTPS port (as 8080 is for HTTP). */
export const DEFAULT_TLS_PORT = 8443;

export interface TlsSettings {
  readonly port: number;
  /** Certificate pairs, the first the default; none: the dev certificate. */
  readonly pairs: readonly PairSource[];
  /** Redirect plain HTTP to the TLS port (308). */
  readonly redirect: boolean;
  /** Strict-Transport-Security value on TLS responses; false: none. */
  readonly hsts: string | false;
  /**
   * The time a client has to send its ClientHello, and then again to
   * finish the handshake; absent: HANDSHAKE_TIMEOUT_MS (10 s) for both.
   */
  readonly handshakeTimeoutMs?: number;
}

declare module "./stage.ts" {
  interface ServerSettings {
    /** Serve TLS too; absent: plain only. */
    readonly tls?: TlsSettings;
  }
}

export const stage: Stage = {
  chapter: 9,
  slug: "09-tls",
  apply: (plan) => {
    const tls = plan.settings.tls;
    const handler = plan.extensions.handler;
    if (tls === undefined) return plan;
    const hosts = plan.settings.hosts ?? [plan.settings.host];
    const listeners = hosts.map((host) =>
      tlsListener({
        host,
        port: tls.port,
        pairs: tls.pairs,
        alpn: () => plan.final().protocols.map((p) => p.id),
        ...(tls.handshakeTimeoutMs === undefined
          ? {}
          : {
              helloTimeoutMs: tls.handshakeTimeoutMs,
              handshakeTimeoutMs: tls.handshakeTimeoutMs,
            }),
      }),
    );
    // Both read the scheme, the authority and the target: all part of what
    // chapter 05's answer memo compares, so neither reads a field.
    const declare = (inner: Handler, outer: Handler) =>
      plan.extensions.answers?.wrap(inner, outer, READS_NOTHING) ?? outer;
    let wrapped = handler;
    if (wrapped && tls.hsts !== false) {
      wrapped = declare(wrapped, strictTransportSecurity(tls.hsts)(wrapped));
    }
    if (wrapped && tls.redirect) wrapped = declare(wrapped, httpsRedirect(tls.port)(wrapped));
    return {
      ...plan,
      listeners: [...plan.listeners, ...listeners],
      extensions: wrapped ? { ...plan.extensions, handler: wrapped } : plan.extensions,
      banner: [
        ...plan.banner,
        `HTTPS on port ${tls.port} (TLS 1.2+, ALPN http/1.1)${tls.redirect ? "; plain HTTP redirects there" : ""}`,
        `try: curl -v --cacert <certificate> https://localhost:${tls.port}/hello`,
      ],
    };
  },
};
