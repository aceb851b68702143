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
 * @hint nudge: push every chunk into a ClientHelloReader and keep a copy: the
 *   bytes must be handed back whole.
 * @hint concept: on 'data': keep the chunk, push it; incomplete: wait;
 *   done/error: finish with "hello"/"refused" and the bytes (the one chunk, or
 *   Buffer.concat(chunks)); 'close', 'error' and a timer finish with "gone";
 *   finishing clears the timer, removes the three listeners and pauses the
 *   socket.
 * @hint solution: const reader = new ClientHelloReader(); const chunks = [];
 *   const finish = (p) => { clearTimeout(timer); socket.off("data",
 *   onData).off("close", onGone).off("error", onGone); socket.pause();
 *   resolve(p); }; const onData = (chunk) => { chunks.push(chunk); const result
 *   = reader.push(chunk); if (result.kind === "incomplete") return; const bytes
 *   = chunks.length === 1 ? chunk : Buffer.concat(chunks); finish({ kind:
 *   result.kind === "done" ? "hello" : "refused", result, bytes }); }; const
 *   onGone = () => finish({ kind: "gone" }); const timer = setTimeout(onGone,
 *   timeoutMs); socket.on("data", onData).on("close", onGone).on("error",
 *   onGone).
 */
export function peekClientHello(
  socket: Socket,
  timeoutMs = HELLO_TIMEOUT_MS,
): Promise<Peeked> {
  return new Promise((resolve) => {
    const reader = new ClientHelloReader();
    const chunks: Buffer[] = [];
    const finish = (peeked: Peeked): void => {
      clearTimeout(timer);
      socket.off("data", onData).off("close", onGone).off("error", onGone);
      socket.pause();
      resolve(peeked);
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      const result = reader.push(chunk);
      if (result.kind === "incomplete") return;
      const kind = result.kind === "done" ? "hello" : "refused";
      // Almost every hello arrives in one read: hand that chunk back as is.
      const bytes = chunks.length === 1 ? chunk : Buffer.concat(chunks);
      finish({ kind, result, bytes });
    };
    const onGone = (): void => finish({ kind: "gone" });
    const timer = setTimeout(onGone, timeoutMs);
    socket.on("data", onData).on("close", onGone).on("error", onGone);
  });
}
