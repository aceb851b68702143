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
   * @hint nudge: the set must forget a socket when it closes, and let go of
   *   its connection then.
   * @hint concept: skip a socket already closed; else an entry goes in the
   *   list, and 'close' (it comes once) takes it out and forgets the
   *   connection: node keeps a closed socket and its listeners a while. In a
   *   shutdown, the connection is asked to finish at once.
   * @hint solution: return if socket.closed; entry = new OpenSocket(socket,
   *   connection); #open.push(entry); socket.on("close", ...) removing the
   *   entry and clearing entry.connection; if #shuttingDown,
   *   connection?.shutdown().
   */
  add(socket: Socket, connection?: Connection): void {
    if (socket.closed) return;
    const entry = new OpenSocket(socket, connection);
    this.#open.push(entry);
    // 'close' comes once: `on` spares the wrapper `once` makes.
    socket.on("close", () => {
      this.#open.remove(entry);
      entry.connection = undefined;
    });
    if (this.#shuttingDown) connection?.shutdown();
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
   * @hint nudge: a connection added after this call must be asked too.
   * @hint concept: remember that a shutdown is under way, then ask every
   *   connection open now to finish (shutdown()); a socket with no connection
   *   is left for the deadline.
   * @hint solution: mark the set as shutting down (sockets added later are
   *   asked at once), then ask each open connection to shut down, iterating
   *   over a copy, since a connection may close and leave the list while you
   *   walk it.
   */
  shutdownAll(): void {
    this.#shuttingDown = true;
    for (const entry of [...this.#open]) entry.connection?.shutdown();
  }

  /**
   * Destroy every socket still open; returns how many there were.
   *
   * @exercise
   * @hint nudge: destroying a socket takes it out of the list as you go.
   * @hint concept: take a copy of the open sockets first, destroy each, and
   *   return how many there were.
   * @hint solution: take a copy of the open sockets (closing ones leave the
   *   list), destroy each one, and return how many there were.
   */
  destroyAll(): number {
    const remaining = [...this.#open];
    for (const entry of remaining) entry.socket.destroy();
    return remaining.length;
  }

  /**
   * Settles once every socket open now has emitted 'close'.
   *
   * @exercise
   * @hint nudge: wait for each socket open now, and for the event itself.
   * @hint concept: one promise per open socket, made here (not when the
   *   socket arrived), resolved by its 'close' event; not socket.closed,
   *   which a destroyed socket reports before 'close' has removed it from
   *   #open. Promise.all of them.
   * @hint solution: for each socket in a copy of the list, a promise
   *   resolved by a once-listener for its close; wait for all of them and
   *   resolve with nothing.
   */
  allClosed(): Promise<void> {
    // 'close' itself, not socket.closed: a destroyed socket reports closed
    // before its 'close' has removed it from #open.
    const gone = [...this.#open].map(
      ({ socket }) =>
        new Promise<void>((resolve) => socket.once("close", () => resolve())),
    );
    return Promise.all(gone).then(() => undefined);
  }
}

/**
 * Stop accepting, ask every connection to finish, destroy the rest at the
 * deadline. Resolves once every socket has emitted 'close'.
 *
 * @exercise
 * @hint nudge: three steps: stop accepting, ask every connection to finish, and
 *   insist at the deadline.
 * @hint concept: close the listeners first (they stop accepting; open
 *   connections stay), ask every connection to finish, and race allClosed()
 *   against the grace period. At the deadline, destroy what is still open,
 *   count it, and still wait for those 'close' events.
 * @hint solution: work out the grace period from the options; wait until every
 *   listener has closed; ask every connection to shut down; if they all close
 *   within the grace period (settlesWithin), nothing was destroyed; else
 *   destroy the rest, wait for them to close, and report how many.
 */
export async function closeGracefully(
  listeners: readonly ListeningHandle[],
  connections: ConnectionSet,
  options: CloseOptions = {},
): Promise<CloseReport> {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  await Promise.all(listeners.map((l) => l.close()));
  connections.shutdownAll();
  if (await settlesWithin(connections.allClosed(), graceMs))
    return { destroyed: 0 };
  const destroyed = connections.destroyAll();
  await connections.allClosed();
  return { destroyed };
}

/**
 * True when `promise` settles within `ms`; the timer never outlives it.
 *
 * @exercise
 * @hint nudge: a pending timer keeps a Node process alive.
 * @hint concept: race the promise (mapped to true) against a timer that
 *   resolves false after ms; whichever wins, clear the timer in finally, so
 *   Ctrl-C on an idle server exits at once.
 * @hint solution: a deadline promise that resolves false after the timeout,
 *   raced against the given promise mapped to true; clear the timer whichever
 *   wins, in a finally, so a settled race leaves no timer holding the process
 *   open.
 */
async function settlesWithin(
  promise: Promise<void>,
  ms: number,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
