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
 * @hint nudge: keep every chunk: the bytes must be handed back whole. Judge
 *   them only once there are as many as the last answer said it needs.
 * @hint concept: on 'data': keep and count; short of `needs`, wait; else
 *   routeHello on all bytes. incomplete sets needs; hello or refused finish
 *   with the bytes. 'close', 'error' and a timer finish "gone"; finishing
 *   clears the timer, removes the listeners and pauses the socket.
 * @hint solution: a new Promise: chunks, a count, needs = 1, one finish that
 *   cleans up and resolves. On data: keep, count, return while short; route
 *   the one chunk or all joined; incomplete sets needs, else finish with the
 *   route's fields and the bytes. Close, error and the timeout: gone.
 */
export function peekClientHello(
  socket: Socket,
  timeoutMs = HELLO_TIMEOUT_MS,
): Promise<Peeked> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let held = 0;
    // One byte can be refused (readRecordHeader answers at the first
    // wrong one); after that, each answer says how many it waits for, so
    // a client sending a byte at a time does not cost a join per byte.
    let needs = 1;
    const finish = (peeked: Peeked): void => {
      clearTimeout(timer);
      socket.off("data", onData).off("close", onGone).off("error", onGone);
      socket.pause();
      resolve(peeked);
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      held += chunk.length;
      if (held < needs) return;
      // Almost every hello arrives in one read: that chunk as is.
      const bytes = chunks.length === 1 ? chunk : Buffer.concat(chunks, held);
      const route = routeHello(bytes);
      if (route.kind === "incomplete") needs = route.needs;
      else if (route.kind === "hello")
        finish({ kind: "hello", tls13: route.tls13, bytes });
      else finish({ kind: "refused", error: route.error, bytes });
    };
    const onGone = (): void => finish({ kind: "gone" });
    const timer = setTimeout(onGone, timeoutMs);
    socket.on("data", onData).on("close", onGone).on("error", onGone);
  });
}
