/**
 * Chapter 01's piece of the server: a plain TCP listener, and the line
 * echo as its protocol.
 *
 * The listener stays for every later chapter (chapter 09 adds a TLS one
 * beside it); chapter 03 replaces the protocol with HTTP/1.1. Limits and
 * timeouts keep the line echo's documented defaults
 * (solutions/01-sockets/line-echo.ts).
 */
import { lineEchoProtocol } from "#ch01/line-echo.ts";
import { tcpListener } from "#ch01/tcp-server.ts";
import type { Stage } from "./stage.ts";

export const stage: Stage = {
  chapter: 1,
  slug: "01-sockets",
  apply: (plan) => ({
    ...plan,
    listeners: [
      ...plan.listeners,
      ...(plan.settings.hosts ?? [plan.settings.host]).map((host) =>
        tcpListener({ name: "tcp", host, port: plan.settings.port }),
      ),
    ],
    protocols: [lineEchoProtocol()],
    banner: [
      ...plan.banner,
      "line echo on tcp://{origin}: every line you send comes back",
      "try: curl telnet://{origin}   (or nc with the host and port)",
    ],
  }),
};
