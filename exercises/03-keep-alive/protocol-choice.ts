// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Which protocol runs on a socket: decided here, and only here.
 *
 *   TLS socket    ──▶ the protocol whose id the client chose by ALPN
 *                     (RFC 7301 §3.2); none chosen ──▶ the default
 *   plain socket  ──▶ the protocol whose preface its first bytes are
 *                     (HTTP/2 prior knowledge, RFC 9113 §3.3); none ──▶
 *                     the default
 *
 * The default is the first protocol without a preface: HTTP/1.1 once this
 * chapter has registered it. Until some protocol has a preface, a plain
 * socket goes straight to the default without reading a byte, so the
 * protocol gets a socket no one has touched (own-buffer-reads.ts needs
 * one). When there is a preface to look for, the bytes read to decide are
 * handed to the chosen protocol before anything it reads next
 * (own-buffer-reads.ts's offerHeld): it sees the stream from its first byte.
 */
import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import type { Connection, ConnectionInfo, Protocol } from "#ch01/connection.ts";
import { socketClosed } from "#ch01/connection.ts";
import {
  offerHeld,
  readIntoOwnBuffer,
  returnToStream,
  sharedReadBuffer,
} from "./own-buffer-reads.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * 10 s for a plain socket's first bytes when a preface must be checked,
 * the same budget a request head gets (timeouts.ts). Then the default
 * protocol takes the socket and applies its own deadlines.
 */
export const PREFACE_TIMEOUT_MS = 10_000;

/** What a socket's first bytes say about a preface. */
export type PrefaceMatch =
  | { readonly kind: "incomplete" }
  | { readonly kind: "match"; readonly protocol: Protocol }
  | { readonly kind: "none" };

/**
 * Compares the bytes seen so far with each protocol's preface: a match
 * once a preface has fully arrived, incomplete while the bytes are still
 * the start of one, none as soon as they cannot be.
 *
 * @exercise
 */
export function matchPreface(
  seen: Uint8Array,
  protocols: readonly Protocol[],
): PrefaceMatch {
  throw new NotImplemented({
    chapter: "03",
    name: "matchPreface",
    file: "exercises/03-keep-alive/protocol-choice.ts",
    hint: "compare only as many bytes as both the input and the preface have.",
  });
}

export interface ChoiceOptions {
  readonly prefaceTimeoutMs?: number;
}

/** Starts the right protocol on each socket (see the file comment). */
export type ProtocolChooser = (
  socket: Socket,
  info: ConnectionInfo,
) => Connection;

/**
 * One chooser for a server's protocols; throws if none can be a default.
 *
 * @exercise
 */
export function chooseProtocol(
  protocols: readonly Protocol[],
  options: ChoiceOptions = {},
): ProtocolChooser {
  throw new NotImplemented({
    chapter: "03",
    name: "chooseProtocol",
    file: "exercises/03-keep-alive/protocol-choice.ts",
    hint: "TLS sockets say their protocol (ALPN); plain sockets must be read first.",
  });
}

/**
 * A plain socket whose protocol is not known yet: reads until the first
 * bytes match a preface or cannot, then hands the socket (and the bytes)
 * to the protocol, and from then on stands for its connection.
 *
 * Every plain connection of a server with HTTP/2 passes here, so it reads
 * as the connections do (own-buffer-reads.ts): into the shared buffer,
 * copying only bytes kept for a later read. The bytes that decided are
 * offered to the protocol (offerHeld): HTTP/1.1 takes them as they are and
 * keeps reading into the buffer; a protocol that reads 'data' gets them
 * back through its stream.
 */
class PrefaceSniffer implements Connection {
  #chosen: Connection | undefined;
  /** Bytes kept from earlier reads, while they could start a preface. */
  #seen: Buffer | undefined;
  #shutdownAsked = false;
  /** Made when first asked for: most connections are never awaited. */
  #closed: Promise<void> | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #borrowed: boolean;

  constructor(
    private readonly socket: Socket,
    private readonly info: ConnectionInfo,
    private readonly prefaced: readonly Protocol[],
    private readonly fallback: Protocol,
    timeoutMs: number,
  ) {
    this.#timer = setTimeout(
      () => this.#start(fallback, this.#seen),
      timeoutMs,
    );
    socket.on("end", this.#onEnd);
    socket.on("error", this.#onError);
    this.#borrowed = readIntoOwnBuffer(socket, sharedReadBuffer, this.#onData);
    if (!this.#borrowed) socket.on("data", this.#onData);
  }

  get closed(): Promise<void> {
    this.#closed ??= socketClosed(this.socket);
    return this.#closed;
  }

  get busy(): boolean {
    return this.#chosen?.busy ?? this.#seen !== undefined;
  }

  shutdown(): void {
    if (this.#chosen !== undefined) this.#chosen.shutdown();
    else if (this.#seen === undefined)
      this.socket.end(); // nothing said yet: idle
    else this.#shutdownAsked = true;
  }

  readonly #onData = (chunk: Buffer): void => {
    const kept = this.#seen;
    const seen = kept === undefined ? chunk : Buffer.concat([kept, chunk]);
    const match = matchPreface(seen, this.prefaced);
    if (match.kind === "match") this.#start(match.protocol, seen);
    else if (match.kind === "none") this.#start(this.fallback, seen);
    // A borrowed view is overwritten by the next read: keep a copy.
    else
      this.#seen = this.#borrowed && seen === chunk ? Buffer.from(chunk) : seen;
  };

  /** FIN inside a preface: nothing a protocol could answer. */
  readonly #onEnd = (): void => {
    this.#stopReading();
    this.socket.destroy();
  };

  readonly #onError = (): void => {
    this.#stopReading();
    this.socket.destroy();
  };

  #stopReading(): void {
    clearTimeout(this.#timer);
    if (this.#borrowed) returnToStream(this.socket);
    else this.socket.off("data", this.#onData);
    this.socket.off("end", this.#onEnd);
    this.socket.off("error", this.#onError);
  }

  #start(protocol: Protocol, seen: Buffer | undefined): void {
    this.#stopReading();
    this.#seen = undefined;
    const socket = this.socket;
    const serve = (): Connection => protocol.serve(socket, this.info);
    // A stream must not flow before the bytes are back in it.
    if (!this.#borrowed) socket.pause();
    this.#chosen =
      seen === undefined ? serve() : offerHeld(socket, seen, serve);
    if (!this.#borrowed) socket.resume();
    if (this.#shutdownAsked) this.#chosen.shutdown();
  }
}
