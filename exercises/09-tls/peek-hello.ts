// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Reads a connection's ClientHello before TLS does, with the chapter's
 * reader: the same peek a TLS-terminating proxy makes. The server uses
 * it to turn away what is not TLS at all (plain HTTP sent to the HTTPS
 * port gets a readable answer instead of a handshake failure) and to
 * close malformed hellos before OpenSSL spends anything on them. The
 * bytes read are handed back, so node:tls can read them again.
 */
import type { Socket } from "node:net";
import { ClientHelloReader, type HelloResult } from "./client-hello-reader.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * 10 s for a client to send its ClientHello, the same bound as the whole
 * handshake (tls-profile.ts): a peer that connects and says nothing must
 * not hold a socket forever.
 */
export const HELLO_TIMEOUT_MS = 10_000;

export type Peeked =
  | {
      readonly kind: "hello" | "refused";
      readonly result: HelloResult;
      readonly bytes: Buffer;
    }
  | { readonly kind: "gone" };

/**
 * Waits for the ClientHello on `socket`; never throws. Resolves once: with
 * the hello, with the reader's refusal, or "gone" when the peer closed,
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
    hint: "push every chunk into a ClientHelloReader and keep a copy: the bytes must be handed back whole.",
  });
}
