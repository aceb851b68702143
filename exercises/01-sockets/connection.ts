// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The three roles every server in this book is built from.
 *
 *   Listener ──accepts──▶ socket ──Protocol.serve──▶ Connection
 *
 * A listener knows addresses (plain TCP here, TLS in chapter 09), a
 * protocol knows bytes (the line echo here, HTTP/1.1 in chapter 03, HTTP/2
 * later), and a connection is one protocol running on one socket. The
 * server in between keeps the set of connections so it can stop them all
 * (graceful-close.ts); it never needs to know which protocol a socket
 * speaks.
 */
import type { AddressInfo, Socket } from "node:net";
import { NotImplemented } from "#course/not-implemented.ts";

/** What runs on an accepted socket, as the server sees it. */
export interface Connection {
  /**
   * Work is in progress: a line half-read, a request being answered. An
   * idle connection can be closed at once without losing anything.
   */
  readonly busy: boolean;
  /**
   * Finish gracefully: close now when idle; otherwise finish what is in
   * progress and close after it (HTTP/1: `Connection: close` on the next
   * response). Calling it again does nothing more.
   */
  shutdown(): void;
  /** Settles when the socket has closed, whatever closed it. */
  readonly closed: Promise<void>;
}

/** Where a connection came from; for logs, rate limits and proxies. */
export interface ConnectionInfo {
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** True when the connection arrived over TLS (chapter 09). */
  readonly secure: boolean;
}

/** An application protocol, chosen by its ALPN id or by its preface. */
export interface Protocol {
  /** Its ALPN id (RFC 7301): "http/1.1", "h2"; any name for others. */
  readonly id: string;
  /**
   * On plain sockets, the bytes a client sends first to announce this
   * protocol (HTTP/2 with prior knowledge, RFC 9113 §3.3). Absent for the
   * protocol a plain socket gets when no preface matches.
   */
  readonly preface?: Uint8Array;
  /** Run this protocol on `socket` until it closes. */
  serve(socket: Socket, info: ConnectionInfo): Connection;
}

/** A listener that is accepting. */
export interface ListeningHandle {
  /** The bound address; with port 0, the port the kernel chose. */
  readonly address: AddressInfo;
  /**
   * Stop accepting. Open connections are left alone: closing them is the
   * server's job (closeGracefully).
   */
  close(): Promise<void>;
}

/**
 * A say over each TCP connection the moment it is accepted, before a byte
 * is read or a TLS handshake begun: call `proceed` (now or later) to let
 * the listener go on with the socket, or deal with it yourself. Chapter
 * 10's connection caps count here, so a TLS connection is counted while
 * it is still handshaking, not only once it is served.
 */
export type Admit = (socket: Socket, proceed: () => void) => void;

/** A listening endpoint. Chapter 01 provides plain TCP; chapter 09 TLS. */
export interface Listener {
  /** What to call it in logs and banners: "http", "https". */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** Sockets it accepts are TLS (their `alpnProtocol` is set). */
  readonly secure: boolean;
  /**
   * Bind and hand every accepted socket to `onSocket` (on a TLS listener,
   * once its handshake is done), each admitted by `admit` first if given.
   */
  listen(
    onSocket: (socket: Socket) => void,
    admit?: Admit,
  ): Promise<ListeningHandle>;
}

/**
 * The ConnectionInfo of an accepted socket.
 *
 * @exercise
 */
export function connectionInfo(socket: Socket): ConnectionInfo {
  throw new NotImplemented({
    chapter: "01",
    name: "connectionInfo",
    file: "exercises/01-sockets/connection.ts",
    hint: "a socket that has already closed has no remote address any more.",
  });
}

/**
 * A promise that settles when `socket` emits 'close' (or already has).
 *
 * @exercise
 */
export function socketClosed(socket: Socket): Promise<void> {
  throw new NotImplemented({
    chapter: "01",
    name: "socketClosed",
    file: "exercises/01-sockets/connection.ts",
    hint: "a socket that has already closed will never emit 'close' again.",
  });
}
