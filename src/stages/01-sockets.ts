/**
 * Chapter 01's piece of the server: a line echo on every connection.
 *
 * The first stage sets the protocol; chapter 03 replaces it with HTTP/1.1.
 * Limits and timeouts keep their documented defaults
 * (solutions/01-sockets/line-echo.ts).
 */
import { serveLineEcho } from "#ch01/line-echo.ts";
import type { Stage } from "./stage.ts";

export const stage: Stage = {
  chapter: 1,
  slug: "01-sockets",
  apply: (plan) => ({
    ...plan,
    protocol: () => (socket) => {
      serveLineEcho(socket);
    },
    banner: [
      ...plan.banner,
      "line echo on tcp://{origin}: every line you send comes back",
      "try: curl telnet://{origin}   (or nc with the host and port)",
    ],
  }),
};
