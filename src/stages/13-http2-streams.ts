/**
 * Chapter 13's piece of the server: HTTP/2 beside HTTP/1.1, serving the
 * same handler.
 *
 * The protocol is registered with its connection preface, so chapter 03's
 * protocol choice starts it on a plain socket whose first bytes are
 * `PRI * HTTP/2.0...` (h2c with prior knowledge, RFC 9113 §3.3), and with
 * the ALPN id "h2", first in the list chapter 09's TLS listener offers, so
 * a browser over TLS gets HTTP/2 and an older client still gets
 * http/1.1. The handler is the final plan's (lateProtocol): every
 * middleware of every chapter runs for HTTP/2 requests too.
 *
 * The HTTP/1.1 `Upgrade: h2c` path is not offered: RFC 9113 §3.1
 * deprecated it, no browser ever used it, and it would make an HTTP/1.1
 * request the first stream of an HTTP/2 connection. The field is
 * ignored, and the request is answered over HTTP/1.1.
 *
 * The transport-neutral limits (settings.limits) apply as they do for
 * HTTP/1.1, and chapter 10's slow-client watchdog watches h2 sockets too
 * (its connection gate already counts every socket, whatever it speaks).
 */
import { servedHandler } from "./03-keep-alive.ts";
import type { H2Options } from "#ch13/h2-options.ts";
import { h2Protocol } from "#ch13/serve-h2.ts";
import { lateProtocol, type ServerLimits, type Stage } from "./stage.ts";
import { CONNECTION_PREFACE } from "#ch11/frame-types.ts";

declare module "./stage.ts" {
  interface ServerSettings {
    /** Operator overrides of HTTP/2's own limits (h2-options.ts). */
    readonly h2?: Partial<Omit<H2Options, "logger" | "watchdog" | "clock">>;
  }
}

/** The limits an HTTP/2 connection takes from the transport-neutral ones. */
export function h2Limits(limits: Partial<ServerLimits> = {}): Partial<H2Options> {
  const options: { -readonly [K in keyof H2Options]?: H2Options[K] } = {};
  if (limits.maxBodyBytes !== undefined) options.maxBodyBytes = limits.maxBodyBytes;
  if (limits.idleTimeoutMs !== undefined) options.idleTimeoutMs = limits.idleTimeoutMs;
  if (limits.headersTimeoutMs !== undefined) options.headersTimeoutMs = limits.headersTimeoutMs;
  return options;
}

export const stage: Stage = {
  chapter: 13,
  slug: "13-http2-streams",
  apply: (plan) => ({
    ...plan,
    protocols: [
      lateProtocol(plan, { id: "h2", preface: CONNECTION_PREFACE }, (final) =>
        h2Protocol(servedHandler(final), {
          ...h2Limits(final.settings.limits),
          ...final.settings.h2,
          watchdog: final.extensions.hardening?.watchdog.watch,
        }),
      ),
      ...plan.protocols,
    ],
    banner: [
      ...plan.banner,
      "HTTP/2: h2c with prior knowledge on this port, h2 by ALPN on the TLS one",
      "try: curl -s --http2-prior-knowledge http://{origin}/hello",
    ],
  }),
};
