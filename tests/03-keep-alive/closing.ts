/**
 * Helpers for watching how a connection ends: a server that reports when
 * its side of the one connection closed, and a client that never sends
 * its FIN unless told.
 */
import net from "node:net";
import type { ConnectionOptions } from "#ch03/connection-options.ts";
import type { Handler } from "#ch03/message.ts";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";

/** Far longer than any test waits: a close before it was not a linger timeout. */
export const LINGER_MS = 10_000;

export interface Watched {
  readonly port: number;
  /** Resolves when the server's side of the one connection has closed. */
  readonly serverClosed: Promise<void>;
  isServerClosed(): boolean;
  close(): Promise<void>;
}

export const cleanup: (() => Promise<void>)[] = [];
/** Call from afterEach: closes what the helpers opened. */
export async function cleanUp(): Promise<void> {
  for (const c of cleanup.splice(0)) await c();
}

export async function watchedServer(
  handler: Handler,
  options: Partial<ConnectionOptions> = {},
): Promise<Watched> {
  const serve = http1ConnectionHandler(handler, { lingerTimeoutMs: LINGER_MS, ...options });
  let closed = false;
  let onClosed = () => {};
  const serverClosed = new Promise<void>((resolve) => {
    onClosed = resolve;
  });
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => {
      closed = true;
      onClosed();
    });
    serve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  cleanup.push(close);
  return {
    port: (server.address() as net.AddressInfo).port,
    serverClosed,
    isServerClosed: () => closed,
    close,
  };
}

/** A client that never sends its FIN unless told (allowHalfOpen). */
export function halfOpenClient(port: number, bytes: string) {
  const socket = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
  let text = "";
  socket.on("data", (d: Buffer) => {
    text += d.toString("latin1");
  });
  const ended = new Promise<void>((resolve) => socket.once("end", () => resolve()));
  socket.on("error", () => {});
  socket.write(bytes);
  cleanup.push(async () => {
    socket.destroy();
  });
  return { socket, ended, text: () => text };
}

export const within = (p: Promise<void>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
