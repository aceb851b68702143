/**
 * A raw TCP client for tests: send exact bytes, collect exact bytes.
 *
 * Real peers (curl, undici, nc) test interop; this client tests what they
 * would never send: split heads, bare LF, pipelined bursts, half-closes.
 * Every wait is bounded so a broken server fails a test instead of hanging it.
 */
import net from "node:net";
import { onStubThrown } from "./stub-tripwire.ts";

export interface Exchange {
  /** Every byte received until the stop condition. */
  readonly received: Buffer;
  /** True when the server closed (FIN or reset) before we stopped reading. */
  readonly closedByServer: boolean;
}

export interface ExchangeOptions {
  /** Send each element as its own write, pausing `gapMs` between them. */
  readonly gapMs?: number;
  /** Stop reading once this returns true for the bytes so far. */
  readonly until?: (received: Buffer) => boolean;
  /** Give up after this long (ms) and return what arrived. Default 2000. */
  readonly timeoutMs?: number;
  /** Half-close our side (send FIN) after writing. */
  readonly endAfterWrite?: boolean;
}

/** Open a connection, write `chunks`, read until the stop condition. */
export function exchange(
  port: number,
  chunks: readonly (string | Uint8Array)[] | string | Uint8Array,
  options: ExchangeOptions = {},
  host = "127.0.0.1",
): Promise<Exchange> {
  const list = typeof chunks === "string" || chunks instanceof Uint8Array ? [chunks] : chunks;
  const { gapMs = 0, until, timeoutMs = 2000, endAfterWrite = false } = options;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host });
    const parts: Buffer[] = [];
    let done = false;
    const finish = (closedByServer: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      socket.destroy();
      resolve({ received: Buffer.concat(parts), closedByServer });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    // An unwritten exercise on the server side: fail now, naming it.
    const unsubscribe = onStubThrown((stub) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      reject(stub);
    });
    socket.on("data", (d: Buffer) => {
      parts.push(d);
      if (until?.(Buffer.concat(parts))) finish(false);
    });
    socket.on("end", () => finish(true));
    socket.on("close", () => finish(true));
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ECONNRESET" || err.code === "EPIPE") finish(true);
      else if (!done) {
        done = true;
        clearTimeout(timer);
        unsubscribe();
        reject(err);
      }
    });
    socket.on("connect", async () => {
      for (const [i, chunk] of list.entries()) {
        if (done) return;
        socket.write(typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk);
        if (gapMs > 0 && i < list.length - 1) await new Promise((r) => setTimeout(r, gapMs));
      }
      if (endAfterWrite) socket.end();
    });
  });
}

/** Split bytes into one-byte chunks, to test incremental decoders. */
export function everyByte(bytes: string | Uint8Array): Buffer[] {
  const buf = typeof bytes === "string" ? Buffer.from(bytes, "latin1") : Buffer.from(bytes);
  return Array.from(buf, (b) => Buffer.from([b]));
}

/** Every way to cut `bytes` in two: for split-at-every-boundary tests. */
export function everySplit(bytes: string | Uint8Array): [Buffer, Buffer][] {
  const buf = typeof bytes === "string" ? Buffer.from(bytes, "latin1") : Buffer.from(bytes);
  const out: [Buffer, Buffer][] = [];
  for (let i = 0; i <= buf.length; i++) out.push([buf.subarray(0, i), buf.subarray(i)]);
  return out;
}
