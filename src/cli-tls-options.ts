/**
 * Chapter 09's flags and environment: whether to serve TLS, on which
 * port, with which certificates, and how plain HTTP and HTTPS relate.
 * Read by cli-options.ts; kept apart so its hunk there stays small.
 *
 *   --tls                      serve HTTPS too (env HANDSHAKE_TLS=1)
 *   --tls-port <n>             default 8443 (env HANDSHAKE_TLS_PORT)
 *   --tls-cert <pem> --tls-key <pem>   a pair; repeat for SNI (env
 *                              HANDSHAKE_TLS_CERT, HANDSHAKE_TLS_KEY: one)
 *   --tls-redirect             plain HTTP answers 308 to https (env
 *                              HANDSHAKE_TLS_REDIRECT=1)
 *   --hsts <value|off>         Strict-Transport-Security (env HANDSHAKE_HSTS)
 *   --tls-handshake-timeout <ms>   for the ClientHello, then again for the
 *                              rest of the handshake (env
 *                              HANDSHAKE_TLS_HANDSHAKE_TIMEOUT_MS)
 */
import path from "node:path";
import { HSTS_ONE_YEAR } from "#ch09/https-middleware.ts";
import { HANDSHAKE_TIMEOUT_MS } from "#ch09/tls-profile.ts";
import { DEFAULT_TLS_PORT, type TlsSettings } from "./stages/09-tls.ts";

/** The parseArgs options this file reads. */
export const TLS_FLAGS = {
  tls: { type: "boolean" },
  "tls-port": { type: "string" },
  "tls-cert": { type: "string", multiple: true },
  "tls-key": { type: "string", multiple: true },
  "tls-redirect": { type: "boolean" },
  hsts: { type: "string" },
  "tls-handshake-timeout": { type: "string" },
} as const;

/** Chapter 09's lines of `--help`, each with its environment variable. */
export const TLS_HELP = `  --tls                       serve HTTPS too, on --tls-port (env HANDSHAKE_TLS=1)
  --tls-port <number>         HTTPS port (default ${DEFAULT_TLS_PORT}; env HANDSHAKE_TLS_PORT)
  --tls-cert <file> --tls-key <file>
                              certificate and key (PEM); repeat the pair for more names
                              (SNI); none: a development certificate for localhost
                              (env HANDSHAKE_TLS_CERT, HANDSHAKE_TLS_KEY)
  --tls-redirect              answer plain HTTP with 308 to https (env HANDSHAKE_TLS_REDIRECT=1)
  --hsts <value|off>          Strict-Transport-Security on HTTPS responses (default
                              ${HSTS_ONE_YEAR} with your certificate, off with the
                              development one; env HANDSHAKE_HSTS)
  --tls-handshake-timeout <ms>
                              time a TLS client has to send its ClientHello, and
                              then again to finish the handshake (default
                              ${HANDSHAKE_TIMEOUT_MS}; env HANDSHAKE_TLS_HANDSHAKE_TIMEOUT_MS)`;

/** What parseArgs returns for TLS_FLAGS: absent when not given. */
export interface TlsFlagValues {
  readonly tls?: boolean;
  readonly "tls-port"?: string;
  readonly "tls-cert"?: string[];
  readonly "tls-key"?: string[];
  readonly "tls-redirect"?: boolean;
  readonly hsts?: string;
  readonly "tls-handshake-timeout"?: string;
}

/** An environment variable used as a boolean flag: "1" or "true". */
const truthy = (text: string | undefined): boolean => text === "1" || text === "true";

/** TLS settings from flags and environment; undefined: plain only. */
export function readTlsOptions(
  values: TlsFlagValues,
  env: NodeJS.ProcessEnv,
  parsePort: (text: string, from: string) => number,
  fail: (message: string) => Error,
  /** A whole-number setting from its flag or else its variable (cli-options' pick). */
  count: (flag: keyof TlsFlagValues, envName: string, what: string) => number | undefined,
): TlsSettings | undefined {
  const certs = values["tls-cert"] ?? (env.HANDSHAKE_TLS_CERT ? [env.HANDSHAKE_TLS_CERT] : []);
  const keys = values["tls-key"] ?? (env.HANDSHAKE_TLS_KEY ? [env.HANDSHAKE_TLS_KEY] : []);
  const on = values.tls || truthy(env.HANDSHAKE_TLS) || certs.length > 0;
  if (!on) return undefined;
  if (certs.length !== keys.length) {
    throw fail(`${certs.length} --tls-cert but ${keys.length} --tls-key: give them in pairs`);
  }
  const portText = values["tls-port"] ?? env.HANDSHAKE_TLS_PORT;
  const from = values["tls-port"] ? "--tls-port" : "HANDSHAKE_TLS_PORT";
  const hstsText = values.hsts ?? env.HANDSHAKE_HSTS;
  const hsts =
    hstsText === "off" || (hstsText === undefined && certs.length === 0)
      ? false
      : (hstsText ?? HSTS_ONE_YEAR);
  const handshakeTimeoutMs = count(
    "tls-handshake-timeout",
    "HANDSHAKE_TLS_HANDSHAKE_TIMEOUT_MS",
    "timeout",
  );
  return {
    port: portText === undefined ? DEFAULT_TLS_PORT : parsePort(portText, from),
    ...(handshakeTimeoutMs === undefined ? {} : { handshakeTimeoutMs }),
    pairs: certs.map((cert, i) => ({
      certPath: path.resolve(cert),
      keyPath: path.resolve(keys[i] as string),
    })),
    redirect: values["tls-redirect"] ?? truthy(env.HANDSHAKE_TLS_REDIRECT),
    hsts,
  };
}
