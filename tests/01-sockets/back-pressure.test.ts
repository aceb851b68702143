/**
 * Back-pressure: the server stops reading while its peer is not reading
 * the echoes, and starts again on 'drain'. First against a fake stream,
 * where every step is visible, then over a real loopback connection.
 */
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { type FlowControlled, writeWithBackPressure } from "#ch01/back-pressure.ts";
import { expectTrue } from "#testing/wire.ts";
import { type EchoServer, eventually, LESSONS, sleep, startEchoServer } from "./echo-server.ts";

/** A stream whose write queue is "full" on demand. */
class FakeStream implements FlowControlled {
  full = false;
  paused = false;
  readonly written: Uint8Array[] = [];
  drainListeners: (() => void)[] = [];
  write(chunk: Uint8Array): boolean {
    this.written.push(chunk);
    return !this.full;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  isPaused(): boolean {
    return this.paused;
  }
  once(_event: "drain", listener: () => void): void {
    this.drainListeners.push(listener);
  }
  drain(): void {
    this.full = false;
    const listeners = this.drainListeners;
    this.drainListeners = [];
    for (const listener of listeners) listener();
  }
}

const bytes = (s: string) => Buffer.from(s);

describe("writeWithBackPressure (fake stream)", () => {
  test("keeps reading while write() returns true", () => {
    const stream = new FakeStream();
    writeWithBackPressure(stream, bytes("a\n"));
    expectTrue(!stream.paused, "paused although the queue had room", LESSONS.backPressure);
    expect(stream.drainListeners).toHaveLength(0);
  });

  test("write() false: the bytes are still queued, reading pauses, 'drain' resumes it", () => {
    const stream = new FakeStream();
    stream.full = true;
    writeWithBackPressure(stream, bytes("a\n"));
    expect(stream.written).toHaveLength(1);
    expectTrue(stream.paused, "still reading while the write queue is full", LESSONS.backPressure);
    stream.drain();
    expectTrue(!stream.paused, "did not resume reading on 'drain'", LESSONS.backPressure);
  });

  test("many full writes arm one 'drain' listener, not one each (listener leak)", () => {
    const stream = new FakeStream();
    stream.full = true;
    for (let i = 0; i < 20; i++) writeWithBackPressure(stream, bytes(`${i}\n`));
    expect(stream.written).toHaveLength(20);
    expectTrue(
      stream.drainListeners.length === 1,
      `${stream.drainListeners.length} 'drain' listeners for one pause`,
      LESSONS.backPressure,
    );
  });
});

describe("back-pressure over a real connection", () => {
  let server: EchoServer;
  afterEach(() => server?.stop());

  /** Upper bound on what we send: past this, the server is not pushing back. */
  const CAP = 48 * 1024 * 1024;
  const CHUNK = Buffer.from(`${"b".repeat(1023)}\n`.repeat(64)); // 64 KiB of lines

  /**
   * Write 64 KiB chunks until our writes stop draining: three quiet windows
   * in a row, so one slow tick of the event loop is not taken for a stall.
   * Returns the bytes written (at most CAP).
   */
  async function writeUntilStalled(client: net.Socket): Promise<number> {
    let sent = 0;
    while (sent < CAP) {
      sent += CHUNK.length;
      if (client.write(CHUNK)) continue;
      const drain = new Promise<true>((r) => client.once("drain", () => r(true)));
      let drained = false;
      for (let quiet = 0; quiet < 3 && !drained; quiet++) {
        drained = await Promise.race([drain, sleep(200).then(() => false)]);
      }
      if (!drained) return sent;
    }
    return sent;
  }

  test("the server stops reading while we do not read, and resumes when we do", async () => {
    server = await startEchoServer();
    const client = net.connect(server.port, "127.0.0.1");
    client.pause(); // we read nothing: echoes pile up on the server's side
    await new Promise((r) => client.once("connect", r));
    const sent = await writeUntilStalled(client);
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    expectTrue(
      sent < CAP,
      `the server took ${mib(sent)} without us reading one echo: it buffers without bound`,
      LESSONS.backPressure,
    );
    const socket = server.sockets[0]!;
    expectTrue(
      await eventually(() => socket.isPaused(), 1000),
      "the server's socket is not paused",
      LESSONS.backPressure,
    );
    const readBefore = socket.bytesRead;
    await sleep(200);
    expectTrue(
      socket.bytesRead === readBefore,
      `the server read ${socket.bytesRead - readBefore} more bytes while paused`,
      LESSONS.backPressure,
    );

    let received = 0;
    client.on("data", (d: Buffer) => {
      received += d.length;
    });
    client.resume();
    const all = await eventually(() => received === sent, 10_000);
    expectTrue(
      all,
      `received ${mib(received)} of ${mib(sent)} after reading again`,
      LESSONS.backPressure,
    );
    expectTrue(!socket.isPaused(), "the server stayed paused after 'drain'", LESSONS.backPressure);
    console.info(`back-pressure: stalled after ${mib(sent)} in flight`);
    client.destroy();
  });
});
