// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Closing well: stop accepting, let connections finish, then insist.
 *
 * `server.close()` only stops accepting; its callback waits for every open
 * connection to end, and an idle client may never end. So a graceful close
 * has three steps, as in Go's Server.Shutdown:
 *
 *   1. stop accepting (every listener);
 *   2. ask each connection to finish: an idle one closes now, a busy one
 *      after its current message (Connection.shutdown; the protocol
 *      decides what "current message" means);
 *   3. when the grace period is over, destroy whatever is still open.
 *
 * This file knows nothing about any protocol: chapter 01's line echo,
 * chapter 03's HTTP connection and later ones are all a Connection.
 */
import type { Socket } from "node:net";
import type { Connection, ListeningHandle } from "./connection.ts";
import { type Linked, LinkedList } from "./linked-list.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * How long a graceful close waits for connections to finish (ms). Long
 * enough for a request in flight on a fast network to complete; short
 * enough that a deploy or Ctrl-C does not feel stuck. Orchestrators such as
 * Kubernetes wait 30 s before killing, so 5 s fits well inside.
 */
export const DEFAULT_GRACE_MS = 5_000;

export interface CloseOptions {
  /** Grace period before open connections are destroyed (ms). */
  readonly graceMs?: number;
}

/** How a close went, for the log line that reports it. */
export interface CloseReport {
  /** Connections still open at the deadline, destroyed. */
  readonly destroyed: number;
}

/** One open socket in a ConnectionSet, and the connection serving it. */
class OpenSocket implements Linked<OpenSocket> {
  prev: OpenSocket | undefined = undefined;
  next: OpenSocket | undefined = undefined;
  readonly socket: Socket;
  connection: Connection | undefined;

  constructor(socket: Socket, connection: Connection | undefined) {
    this.socket = socket;
    this.connection = connection;
  }
}

/**
 * The server's open sockets and the connection running on each: a
 * listener cannot list its sockets, and a graceful close must reach every
 * one, whichever listener accepted it. A socket may have no connection
 * (its protocol refused it); it is still closed at the deadline.
 *
 * The sockets are in a linked list, not a Map keyed by socket: a Map
 * that changes on every connection keeps closed ones alive through the
 * collector's quick young-generation passes (linked-list.ts says why).
 */
export class ConnectionSet {
  readonly #open = new LinkedList<OpenSocket>();
  #shuttingDown = false;

  /**
   * Track `socket` until it closes, with the connection serving it. A
   * connection that arrives after shutdownAll() is asked to finish at once.
   *
   * @exercise
   */
  add(socket: Socket, connection?: Connection): void {
    throw new NotImplemented({
      chapter: "01",
      name: "ConnectionSet.add",
      file: "exercises/01-sockets/graceful-close.ts",
      hint: "the set must forget a socket when it closes, and let go of its connection then.",
    });
  }

  /** Sockets open right now. */
  get sockets(): ReadonlySet<Socket> {
    const sockets = new Set<Socket>();
    for (const entry of this.#open) sockets.add(entry.socket);
    return sockets;
  }

  get size(): number {
    return this.#open.size;
  }

  /** Connections open right now that are in the middle of something. */
  get busy(): number {
    let n = 0;
    for (const entry of this.#open) if (entry.connection?.busy) n++;
    return n;
  }

  /**
   * Ask every connection to finish (a socket with none is left alone).
   *
   * @exercise
   */
  shutdownAll(): void {
    throw new NotImplemented({
      chapter: "01",
      name: "ConnectionSet.shutdownAll",
      file: "exercises/01-sockets/graceful-close.ts",
      hint: "a connection added after this call must be asked too.",
    });
  }

  /**
   * Destroy every socket still open; returns how many there were.
   *
   * @exercise
   */
  destroyAll(): number {
    throw new NotImplemented({
      chapter: "01",
      name: "ConnectionSet.destroyAll",
      file: "exercises/01-sockets/graceful-close.ts",
      hint: "destroying a socket takes it out of the list as you go.",
    });
  }

  /**
   * Settles once every socket open now has emitted 'close'.
   *
   * @exercise
   */
  allClosed(): Promise<void> {
    throw new NotImplemented({
      chapter: "01",
      name: "ConnectionSet.allClosed",
      file: "exercises/01-sockets/graceful-close.ts",
      hint: "wait for each socket open now, and for the event itself.",
    });
  }
}

/**
 * Stop accepting, ask every connection to finish, destroy the rest at the
 * deadline. Resolves once every socket has emitted 'close'.
 *
 * @exercise
 */
export async function closeGracefully(
  listeners: readonly ListeningHandle[],
  connections: ConnectionSet,
  options: CloseOptions = {},
): Promise<CloseReport> {
  throw new NotImplemented({
    chapter: "01",
    name: "closeGracefully",
    file: "exercises/01-sockets/graceful-close.ts",
    hint: "three steps: stop accepting, ask every connection to finish, and insist at the deadline.",
  });
}

/**
 * True when `promise` settles within `ms`; the timer never outlives it.
 *
 * @exercise
 */
async function settlesWithin(
  promise: Promise<void>,
  ms: number,
): Promise<boolean> {
  throw new NotImplemented({
    chapter: "01",
    name: "settlesWithin",
    file: "exercises/01-sockets/graceful-close.ts",
    hint: "a pending timer keeps a Node process alive.",
  });
}
