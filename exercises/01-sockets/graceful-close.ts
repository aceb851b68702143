// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Closing well: stop accepting, let connections finish, then insist.
 *
 * `server.close()` only stops accepting; its callback waits for every open
 * connection to end, and an idle client may never end. So a graceful close
 * has three steps, as in Go's Server.Shutdown:
 *
 *   1. stop accepting (server.close());
 *   2. ask each connection to finish: an idle one closes now, a busy one
 *      after its current message (the protocol decides; see onShutdown);
 *   3. when the grace period is over, destroy whatever is still open.
 *
 * This file knows nothing about any protocol: chapter 01's line echo,
 * chapter 03's HTTP connection and later ones register how they finish.
 */
import type { Server, Socket } from "node:net";
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

/** Per-socket "please finish" callbacks, registered by protocols. */
const shutdownHooks = new WeakMap<Socket, () => void>();

/**
 * Tell the server how this connection finishes when it shuts down. The
 * protocol calls it once per socket. Without a hook, the connection is left
 * alone until the grace period ends, then destroyed.
 */
export function onShutdown(socket: Socket, finish: () => void): void {
  shutdownHooks.set(socket, finish);
}

/** Ask one connection to finish (runs its hook, at most once). */
export function requestShutdown(socket: Socket): void {
  const finish = shutdownHooks.get(socket);
  shutdownHooks.delete(socket);
  finish?.();
}

/**
 * Keep a live set of the server's open sockets: `server.close()` cannot
 * list them, and a graceful close must reach each one.
 *
 * @exercise
 */
export function trackConnections(server: Server): ReadonlySet<Socket> {
    throw new NotImplemented({"chapter":"01","name":"trackConnections","file":"exercises/01-sockets/graceful-close.ts","hint":"server.close() will not tell you which sockets are still open."});
  }

/**
 * Stop accepting, ask every connection to finish, destroy the rest at the
 * deadline. Resolves once every socket has emitted 'close'.
 *
 * @exercise
 */
export async function closeGracefully(
  server: Server,
  connections: ReadonlySet<Socket>,
  options: CloseOptions = {},
): Promise<CloseReport> {
    throw new NotImplemented({"chapter":"01","name":"closeGracefully","file":"exercises/01-sockets/graceful-close.ts","hint":"three steps: stop accepting, ask every connection to finish, and insist at the deadline."});
  }

/** A socket still in the tracked set has not emitted 'close' yet. */
function closeEvent(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.once("close", () => resolve()));
}

/** True when `promise` settles within `ms`; the timer never outlives it. */
async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
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
