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
 * @hint nudge: server.close() will not tell you which sockets are still open.
 * @hint concept: keep a Set: add each socket on the server's 'connection'
 *   event, and delete it when that socket emits 'close'.
 * @hint solution: create the set; in a 'connection' listener add the socket and
 *   register socket.once('close', ...) that deletes it; return the set.
 */
export function trackConnections(server: Server): ReadonlySet<Socket> {
  const open = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
  });
  return open;
}

/**
 * Stop accepting, ask every connection to finish, destroy the rest at the
 * deadline. Resolves once every socket has emitted 'close'.
 *
 * @exercise
 * @hint nudge: three steps: stop accepting, ask every connection to finish, and
 *   insist at the deadline.
 * @hint concept: server.close's callback runs once the last connection is gone;
 *   build a promise of that plus every socket's 'close' event, request a
 *   shutdown on each open socket, and race the promise against the grace
 *   period. Whatever is still open at the deadline is destroyed and counted.
 * @hint solution: allClosed = new Promise(resolve => server.close(() =>
 *   resolve())) then Promise.all of closeEvent for each socket; requestShutdown
 *   each socket; if settlesWithin(allClosed, graceMs) return { destroyed: 0 };
 *   else copy the remaining sockets, destroy each, await allClosed, return
 *   their count.
 */
export async function closeGracefully(
  server: Server,
  connections: ReadonlySet<Socket>,
  options: CloseOptions = {},
): Promise<CloseReport> {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  // The callback runs once the last connection closes (or at once, with an
  // error we do not need, when the server was not listening). Then wait for
  // each socket's 'close' event, so callers see an empty set.
  const allClosed = new Promise<void>((resolve) => server.close(() => resolve())).then(() =>
    Promise.all([...connections].map(closeEvent)).then(() => undefined),
  );
  for (const socket of [...connections]) requestShutdown(socket);
  if (await settlesWithin(allClosed, graceMs)) return { destroyed: 0 };
  const remaining = [...connections];
  for (const socket of remaining) socket.destroy();
  await allClosed;
  return { destroyed: remaining.length };
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
