/**
 * Chapter 10's piece of the server: defences around everything else.
 *
 * Three seams. The handler defences (security headers, Host allow-list,
 * CORS, rate limit) wrap `extensions.handler`, outermost. The slow-client
 * watchdog plugs into chapter 03's `watchdog` option, so every connection
 * is held to a minimum body rate and a minimum read rate. The connection
 * gate is every listener's admit hook (chapter 01's Listener), so the caps
 * apply to plain and TLS sockets alike as they are accepted, before a byte
 * is read or a handshake begun, with one count for the whole server.
 * settings.hardening overrides any default.
 */
import { ConnectionGate, DEFAULT_GATE_OPTIONS } from "#ch10/connection-gate.ts";
import {
  DEFAULT_HARDENING,
  type HardeningOptions,
  hardeningDependence,
  hardeningMiddleware,
} from "#ch10/hardening.ts";
import { SlowClientWatchdog } from "#ch10/slow-clients.ts";
import type { Listener, Stage } from "./stage.ts";

/** What the defences have done, for logs and metrics (chapter 17). */
export interface HardeningState {
  readonly watchdog: SlowClientWatchdog;
  /** The gate, once the first listener listens. */
  gate: ConnectionGate | undefined;
}

/**
 * Every listener's accepted sockets pass one shared gate first, as they
 * are accepted (chapter 01's Admit): on a TLS port, before the handshake.
 */
function gated(listener: Listener, state: HardeningState, options: HardeningOptions): Listener {
  return {
    ...listener,
    listen: (onSocket) => {
      // One gate for every listener: the caps are per server, not per port.
      const gate = state.gate ?? new ConnectionGate(onSocket, options.connections);
      state.gate = gate;
      return listener.listen(onSocket, gate.admitter(listener.secure));
    },
  };
}

declare module "./stage.ts" {
  interface ServerSettings {
    /** Limits and policies of chapter 10; defaults otherwise. */
    readonly hardening?: Partial<HardeningOptions>;
  }
  interface StageExtensions {
    hardening: HardeningState;
  }
}

/** The local names, plus the bound host when it is a name of its own. */
function allowedHosts(host: string, configured: readonly string[] | undefined) {
  if (configured === undefined) return undefined;
  const wildcard = host === "0.0.0.0" || host === "::" || host === "";
  if (wildcard || configured.includes(host)) return configured;
  return [...configured, host.includes(":") ? `[${host}]` : host];
}

/**
 * One home for HSTS: with TLS on, chapter 09's setting decides (`--hsts
 * off` means none), unless the hardening settings name a value of their
 * own.
 */
function withTlsHsts(options: HardeningOptions, hsts: string | false | undefined) {
  if (hsts === undefined || "strictTransportSecurity" in options.securityHeaders) return options;
  const strictTransportSecurity = hsts === false ? undefined : hsts;
  return { ...options, securityHeaders: { ...options.securityHeaders, strictTransportSecurity } };
}

export const stage: Stage = {
  chapter: 10,
  slug: "10-hardening",
  apply: (plan) => {
    const options: HardeningOptions = withTlsHsts(
      { ...DEFAULT_HARDENING, ...plan.settings.hardening },
      plan.settings.tls?.hsts,
    );
    const hosts = allowedHosts(plan.settings.host, options.allowedHosts);
    const middleware = hardeningMiddleware({ ...options, allowedHosts: hosts });
    const handler = plan.extensions.handler;
    const defended = handler === undefined ? undefined : middleware(handler);
    if (handler !== undefined && defended !== undefined) {
      plan.extensions.answers?.wrap(handler, defended, hardeningDependence(options));
    }
    const watchdog = new SlowClientWatchdog(options.slowClients);
    const caps = { ...DEFAULT_GATE_OPTIONS, ...options.connections };
    const state: HardeningState = { watchdog, gate: undefined };
    return {
      ...plan,
      extensions: {
        ...plan.extensions,
        ...(defended === undefined ? {} : { handler: defended }),
        http1: { ...plan.extensions.http1, watchdog: watchdog.watch },
        hardening: state,
      },
      listeners: plan.listeners.map((listener) => gated(listener, state, options)),
      banner: [
        ...plan.banner,
        `hardening: Host allow-list ${hosts ? `(${hosts.join(", ")})` : "off (--allowed-host)"}, ` +
          `rate limit ${options.rateLimit ? "on" : "off (--rate-limit)"}, ` +
          `at most ${caps.maxConnections} connections, ${caps.maxConnectionsPerAddress} per address`,
        ...(hosts ? ["try: curl -si -H 'Host: rebind.example' http://{origin}/hello   (421)"] : []),
      ],
    };
  },
};
