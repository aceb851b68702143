/**
 * Raw-socket attackers for the chapter's attack tests: they send exactly
 * what a slow or greedy client sends, from any loopback address (Linux
 * routes all of 127.0.0.0/8 to lo, so 127.0.0.2 is a second client).
 * Every wait is bounded.
 */
import net from "node:net";

export interface RawPeer {
  readonly socket: net.Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves when the server closed (FIN or reset). */
  readonly closed: Promise<void>;
  /** Resolves once `text` has arrived; rejects after `ms`. */
  waitFor(text: string, ms?: number): Promise<string>;
}

export function connectPeer(port: number, localAddress = "127.0.0.1"): Promise<RawPeer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: "127.0.0.1", localAddress });
    const parts: Buffer[] = [];
    const watchers = new Set<() => void>();
    const closed = new Promise<void>((done) => socket.on("close", () => done()));
    socket.on("data", (d: Buffer) => {
      parts.push(d);
      for (const w of watchers) w();
    });
    socket.on("error", () => {}); // resets are what some tests expect
    const received = () => Buffer.concat(parts).toString("latin1");
    const waitFor = (text: string, ms = 3_000) =>
      new Promise<string>((ok, fail) => {
        const check = () => {
          if (!received().includes(text)) return;
          cleanup();
          ok(received());
        };
        const timer = setTimeout(() => {
          cleanup();
          fail(new Error(`no ${JSON.stringify(text)} within ${ms} ms; got ${received()}`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      });
    socket.once("connect", () => resolve({ socket, received, closed, waitFor }));
    socket.once("error", reject);
  });
}

/** Resolves with true if `promise` settles within `ms`, else false. */
export function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** One GET over a fresh connection; the status line's code. */
export async function statusOf(port: number, target = "/hello", localAddress?: string) {
  const peer = await connectPeer(port, localAddress);
  peer.socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  await within(peer.closed, 3_000);
  peer.socket.destroy();
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(peer.received())?.[1] ?? 0);
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
