// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Reads a connection's first TLS record before node:tls does: the same
 * peek a TLS-terminating proxy makes, reading only what the listener
 * routes by (hello-route.ts). The server uses it to turn away what is
 * not TLS at all (plain HTTP sent to the HTTPS port gets a readable
 * answer instead of a handshake failure), to close what is not a
 * ClientHello before OpenSSL spends anything on it, and to send TLS
 * 1.2-only clients to the server with the session cache. The bytes read
 * are handed back, so node:tls can read them again.
 */
import type { Socket } from "node:net";
import { routeHello } from "./hello-route.ts";
import type { TlsError } from "./tls-errors.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * 10 s for a client to send its ClientHello, the same bound as the whole
 * handshake (tls-profile.ts): a peer that connects and says nothing must
 * not hold a socket forever.
 */
export const HELLO_TIMEOUT_MS = 10_000;

export type Peeked =
  | {
      readonly kind: "hello";
      /** Whether it offers TLS 1.3; undefined when the peek cannot tell. */
      readonly tls13: boolean | undefined;
      readonly bytes: Buffer;
    }
  | {
      readonly kind: "refused";
      readonly error: TlsError;
      readonly bytes: Buffer;
    }
  | { readonly kind: "gone" };

/**
 * Waits for the first record on `socket`; never throws. Resolves once:
 * with the hello's route, with a refusal, or "gone" when the peer closed,
 * failed or stayed silent past the timeout. Every listener it added is
 * removed and the socket paused, so nothing reads the bytes in between.
 *
 * @exercise
 */
export function peekClientHello(
  socket: Socket,
  timeoutMs = HELLO_TIMEOUT_MS,
): Promise<Peeked> {
  throw new NotImplemented({
    chapter: "09",
    name: "peekClientHello",
    file: "exercises/09-tls/peek-hello.ts",
    hint: "keep every chunk: the bytes must be handed back whole. Judge them only once there are as many as the last answer said it needs.",
  });
}
