/**
 * The line echo over real loopback sockets: framing across writes,
 * half-close, limits, idle timeouts and peers that vanish.
 */
import net from "node:net";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isPeerGone } from "#ch01/peer-errors.ts";
import { exchange } from "#testing/raw-client.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { type EchoServer, eventually, LESSONS, sleep, startEchoServer } from "./echo-server.ts";

let server: EchoServer;
afterEach(() => server?.stop());

const lines = (n: number) => (received: Buffer) =>
  received.toString("latin1").split("\n").length > n;

describe("echo", () => {
  beforeEach(async () => {
    server = await startEchoServer();
  });

  test("echoes each line; CRLF and LF both end a line", async () => {
    const sent = "hello\r\nworld\n";
    const { received } = await exchange(server.port, sent, { until: lines(2) });
    expectBytes(received, "hello\nworld\n", { ...LESSONS.echo, sent });
  });

  test("a line split across writes comes back whole, once complete", async () => {
    const client = net.connect(server.port, "127.0.0.1");
    const got: Buffer[] = [];
    client.on("data", (d: Buffer) => got.push(d));
    await new Promise((r) => client.once("connect", r));
    client.write("hel");
    await sleep(100);
    expectBytes(Buffer.concat(got), "", { ...LESSONS.framing, sent: "hel" }, "Before the LF");
    client.write("lo\n");
    expectTrue(await eventually(() => Buffer.concat(got).length >= 6), "no echo", LESSONS.framing);
    expectBytes(Buffer.concat(got), "hello\n", { ...LESSONS.framing, sent: "hel|lo\\n" });
    client.destroy();
  });

  test("one write with many lines and one line in many writes", async () => {
    const chunks = ["a\nb", "\nc", "c\r", "\n", "dd\nee\n"];
    const { received } = await exchange(server.port, chunks, { gapMs: 10, until: lines(5) });
    expectBytes(received, "a\nb\ncc\ndd\nee\n", { ...LESSONS.framing, sent: chunks.join("") });
  });
});

describe("half-close (RFC 9293 §3.6)", () => {
  beforeEach(async () => {
    server = await startEchoServer();
  });

  test("client ends: the server echoes the unterminated tail, then closes", async () => {
    const sent = "a\nb";
    const got = await exchange(server.port, sent, { endAfterWrite: true });
    expectBytes(got.received, "a\nb\n", { ...LESSONS.halfClose, sent });
    expectTrue(got.closedByServer, "the server never sent its FIN", LESSONS.halfClose);
  });

  test("every echo arrives before the server's FIN, even a megabyte of them", async () => {
    const line = `${"x".repeat(1023)}\n`;
    const sent = line.repeat(1024);
    const got = await exchange(server.port, sent, { endAfterWrite: true, timeoutMs: 5000 });
    expectTrue(
      got.received.length === sent.length,
      `received ${got.received.length} of ${sent.length} bytes before the close`,
      LESSONS.halfClose,
    );
    expectTrue(got.closedByServer, "the server never sent its FIN", LESSONS.halfClose);
  });

  test("the connection's state goes open → closing → closed", async () => {
    const client = net.connect(server.port, "127.0.0.1");
    await new Promise((r) => client.once("connect", r));
    await eventually(() => server.echoes.length === 1);
    const echo = server.echoes[0]!;
    expect(echo.state).toBe("open");
    client.end();
    expectTrue(
      await eventually(() => echo.state !== "open"),
      "still open after FIN",
      LESSONS.halfClose,
    );
    client.resume();
    expectTrue(await eventually(() => echo.state === "closed"), "never closed", LESSONS.halfClose);
  });
});

describe("limits and timeouts", () => {
  test("an overlong line gets an error line, then the server closes", async () => {
    server = await startEchoServer({ maxLineBytes: 16 });
    const sent = `ok\n${"x".repeat(40)}\nnever\n`;
    const got = await exchange(server.port, sent);
    expectBytes(got.received, "ok\nerror: line too long (limit 16 bytes)\n", {
      ...LESSONS.limits,
      sent,
    });
    expectTrue(got.closedByServer, "the server kept the connection open", LESSONS.limits);
  });

  test("a peer that never sends LF is refused at the limit, not buffered (memory exhaustion)", async () => {
    server = await startEchoServer({ maxLineBytes: 16 });
    const got = await exchange(server.port, "y".repeat(17));
    expectBytes(got.received, "error: line too long (limit 16 bytes)\n", LESSONS.limits);
    expectTrue(got.closedByServer, "the server kept the connection open", LESSONS.limits);
  });

  test("the error line arrives even while the peer keeps sending", async () => {
    server = await startEchoServer({ maxLineBytes: 16, lingerMs: 300 });
    const flood = Array.from({ length: 40 }, () => "z".repeat(16 * 1024));
    const got = await exchange(server.port, flood, { gapMs: 2, timeoutMs: 3000 });
    expectBytes(got.received, "error: line too long (limit 16 bytes)\n", LESSONS.limits);
    expectTrue(got.closedByServer, "the server never closed", LESSONS.limits);
  });

  test("after its FIN the server drains late input instead of resetting (lingering close)", async () => {
    server = await startEchoServer({ maxLineBytes: 16, lingerMs: 1000 });
    const client = net.connect({ port: server.port, host: "127.0.0.1", allowHalfOpen: true });
    const problems: string[] = [];
    client.on("error", (e: NodeJS.ErrnoException) => problems.push(String(e.code)));
    client.resume();
    await new Promise((r) => client.once("connect", r));
    client.write("x".repeat(17));
    const ended = await new Promise<boolean>((resolve) => {
      client.once("end", () => resolve(true));
      setTimeout(() => resolve(false), 2000);
    });
    expectTrue(ended, "no FIN after the overlong line", LESSONS.limits);
    const socket = server.sockets[0]!;
    const before = socket.bytesRead;
    client.write("late".repeat(16 * 1024)); // 64 KiB the server must drain
    const drained = await eventually(() => socket.bytesRead >= before + 64 * 1024);
    expectTrue(drained, `the server read ${socket.bytesRead - before} late bytes of 65536`, {
      ...LESSONS.limits,
      rule: "RFC 9112 §9.6: close in stages; keep reading after your FIN, or the kernel answers late bytes with RST and the peer may lose your last words.",
    });
    client.end();
    expectTrue(
      await eventually(() => server.echoes[0]?.state === "closed"),
      "never closed",
      LESSONS.limits,
    );
    expect(problems).toEqual([]);
  });

  test("an idle connection is told why and closed", async () => {
    server = await startEchoServer({ idleTimeoutMs: 100 });
    const started = Date.now();
    const got = await exchange(server.port, [], { timeoutMs: 2000 });
    expectBytes(got.received, "error: idle for 100 ms; closing\n", LESSONS.idle);
    expectTrue(got.closedByServer, "the idle connection stayed open", LESSONS.idle);
    expectTrue(Date.now() - started < 1500, "the idle timeout fired late", LESSONS.idle);
  });

  test("activity restarts the idle clock", async () => {
    // Six lines 100 ms apart span 500 ms, longer than the 300 ms timeout;
    // only a clock that restarts on every line lets them all through.
    server = await startEchoServer({ idleTimeoutMs: 300 });
    const chunks = Array.from({ length: 6 }, (_, i) => `${i}\n`);
    const got = await exchange(server.port, chunks, { gapMs: 100, until: lines(6) });
    expectBytes(got.received, chunks.join(""), LESSONS.idle);
  });
});

describe("errors: peers that vanish", () => {
  beforeEach(async () => {
    server = await startEchoServer();
  });

  test("a reset (ECONNRESET) closes that connection; the server serves the next", async () => {
    const client = net.connect(server.port, "127.0.0.1");
    client.on("error", () => {});
    await new Promise((r) => client.once("connect", r));
    client.write("half a line");
    await eventually(() => server.sockets[0]?.bytesRead === 11);
    client.resetAndDestroy();
    const echo = () => server.echoes[0];
    expectTrue(await eventually(() => echo()?.state === "closed"), "still open", LESSONS.errors);
    expectTrue(server.errors.every(isPeerGone), `unexpected: ${server.errors}`, LESSONS.errors);
    const { received } = await exchange(server.port, "still here\n", { until: lines(1) });
    expectBytes(received, "still here\n", LESSONS.errors);
  });

  test("writing to a peer that reset (EPIPE/ECONNRESET) does not crash the server", async () => {
    const client = net.connect(server.port, "127.0.0.1");
    client.on("error", () => {});
    await new Promise((r) => client.once("connect", r));
    for (let i = 0; i < 64; i++) client.write(`${"e".repeat(1023)}\n`);
    client.resetAndDestroy();
    expectTrue(
      await eventually(() => server.echoes[0]?.state === "closed"),
      "still open",
      LESSONS.errors,
    );
    expectTrue(server.errors.every(isPeerGone), `unexpected: ${server.errors}`, LESSONS.errors);
    expect(server.handle.connections.size).toBe(0);
  });

  test("a handler that throws closes only its own connection, through 'error'", async () => {
    const client = net.connect(server.port, "127.0.0.1");
    client.on("error", () => {});
    const closed = new Promise((r) => client.once("close", r));
    await new Promise((r) => client.once("connect", r));
    const accepted = await eventually(() => server.sockets.length === 1);
    expectTrue(accepted, "the server never accepted", LESSONS.bug);
    // A bug planted in the echo's path: writing the echo throws.
    Object.assign(server.sockets[0] as net.Socket, {
      write: () => {
        throw new Error("a planted bug");
      },
    });
    client.write("boom\n");
    await closed;
    expectTrue(
      await eventually(() => server.echoes[0]?.state === "closed"),
      "the connection whose handler threw is still open",
      LESSONS.bug,
    );
    expectTrue(
      server.errors.some((e) => e.message === "a planted bug"),
      `the handler's error never reached 'error': ${server.errors}`,
      LESSONS.bug,
    );
    const { received } = await exchange(server.port, "still here\n", { until: lines(1) });
    expectBytes(received, "still here\n", { ...LESSONS.bug, sent: "still here\n" });
  });

  test("isPeerGone knows the codes of a peer leaving, and only those", () => {
    const error = (code: string) => Object.assign(new Error(code), { code });
    for (const code of ["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED"])
      expect(isPeerGone(error(code))).toBe(true);
    for (const code of ["EMFILE", "ERR_STREAM_DESTROYED"])
      expect(isPeerGone(error(code))).toBe(false);
    expect(isPeerGone(new Error("no code"))).toBe(false);
    expect(isPeerGone(null)).toBe(false);
  });
});
