/**
 * The peek itself (peek-hello.ts), on real sockets: it reads the first
 * record into the shared buffer where Node allows it, and through 'data'
 * where it does not, and either way hands back exactly the bytes the
 * client sent, in one piece, however they were split on the wire.
 */
import net from "node:net";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  HelloDeadlines,
  type Peeked,
  peekClientHello,
  type WaitingPeek,
} from "#ch09/peek-hello.ts";
import { keptOfChurn } from "#testing/collect-garbage.ts";
import { NODE_HELLO } from "./hello-bytes.ts";

const BOOK = "chapters/09-tls.md#what-is-not-tls";
const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

interface Outcome {
  readonly peeked: Peeked;
  /** 'data' listeners on the socket while the peek waited. */
  readonly dataListeners: number;
}

/**
 * Accepts one connection, peeks it (after `prepare`), and sends `pieces`
 * from a client, one write each, a little apart.
 */
async function peekOnce(
  pieces: readonly Buffer[],
  prepare: (socket: net.Socket) => void = () => {},
): Promise<Outcome> {
  const outcome = new Promise<Outcome>((resolve) => {
    const server = net.createServer((socket) => {
      prepare(socket);
      peekClientHello(
        socket,
        (peeked) => {
          resolve({ peeked, dataListeners });
          socket.destroy();
        },
        new HelloDeadlines(2_000),
      );
      const dataListeners = socket.listenerCount("data");
    });
    servers.push(server);
    server.listen(0, "127.0.0.1", async () => {
      const { port } = server.address() as net.AddressInfo;
      const client = net.connect(port, "127.0.0.1");
      client.setNoDelay(true);
      client.on("error", () => {});
      for (const piece of pieces) {
        client.write(piece);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
  });
  return outcome;
}

/** The hello cut into pieces of `size` bytes. */
const cut = (bytes: Buffer, size: number): Buffer[] => {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
};

describe("peekClientHello on a socket", () => {
  test.each([
    ["in one write", [NODE_HELLO]],
    ["in three writes", cut(NODE_HELLO, Math.ceil(NODE_HELLO.length / 3))],
    [
      "header byte by byte, then the rest",
      [...cut(NODE_HELLO.subarray(0, 5), 1), NODE_HELLO.subarray(5)],
    ],
  ])("a hello %s: read into the shared buffer, handed back whole", async (_name, pieces) => {
    const { peeked, dataListeners } = await peekOnce(pieces);
    expect(dataListeners, `the peek listened for 'data' (${BOOK})`).toBe(0);
    expect(peeked.kind).toBe("hello");
    if (peeked.kind !== "hello") return;
    expect(peeked.tls13).toBe(true);
    expect(Buffer.compare(peeked.bytes, NODE_HELLO), "bytes handed back differ").toBe(0);
  });

  test("a socket that already has a 'data' listener: the peek reads 'data', same answer", async () => {
    const { peeked, dataListeners } = await peekOnce(cut(NODE_HELLO, 100), (socket) =>
      socket.on("data", () => {}),
    );
    expect(dataListeners).toBe(2);
    expect(peeked.kind).toBe("hello");
    if (peeked.kind !== "hello") return;
    expect(Buffer.compare(peeked.bytes, NODE_HELLO), "bytes handed back differ").toBe(0);
  });

  test("plain HTTP is refused with the bytes read, borrowed or not", async () => {
    const request = Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    for (const prepare of [() => {}, (s: net.Socket) => void s.on("data", () => {})]) {
      const { peeked } = await peekOnce([request], prepare);
      expect(peeked.kind).toBe("refused");
      if (peeked.kind !== "refused") return;
      expect(peeked.error.code).toBe("TLS_PLAIN_HTTP");
      expect(peeked.bytes.toString()).toBe(request.toString());
    }
  });
});

describe("HelloDeadlines: one timer for every waiting peek", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("a peek left waiting expires after the timeout, within a quarter more", () => {
    vi.useFakeTimers();
    const deadlines = new HelloDeadlines(1_000);
    const expired: string[] = [];
    deadlines.start(() => expired.push("first"));
    vi.advanceTimersByTime(999);
    expect(expired, `expired before its timeout (${BOOK})`).toEqual([]);
    vi.advanceTimersByTime(251);
    expect(expired, `not let go within 1.25 × the timeout (${BOOK})`).toEqual(["first"]);
    expect(deadlines.waiting).toBe(0);
  });

  test("many peeks share one timer, expire in the order they began, and a finished one never does", () => {
    vi.useFakeTimers();
    const deadlines = new HelloDeadlines(1_000);
    const expired: number[] = [];
    const expiries = Array.from({ length: 100 }, (_, i) => () => void expired.push(i));
    const waiting = expiries.map((expire, i) => {
      const entry = deadlines.start(expire);
      if (i === 49) vi.advanceTimersByTime(600);
      return entry;
    });
    expect(vi.getTimerCount(), "a Node timer per peek: the cost this class removes").toBe(1);
    deadlines.finish(waiting[10] as WaitingPeek);
    vi.advanceTimersByTime(1_100);
    expect(expired, "only the first half is due").toEqual(
      Array.from({ length: 50 }, (_, i) => i).filter((i) => i !== 10),
    );
    vi.advanceTimersByTime(600);
    expect(expired).toHaveLength(99);
  });

  test("a wall clock set back an hour does not hold a waiting peek an hour more", () => {
    vi.useFakeTimers();
    const deadlines = new HelloDeadlines(1_000);
    let fired = false;
    deadlines.start(() => {
      fired = true;
    });
    vi.setSystemTime(Date.now() - 3_600_000);
    vi.advanceTimersByTime(1_250);
    expect(fired, `deadlines count on a clock that only moves forward (${BOOK})`).toBe(true);
  });

  test("the timer stops once no peek waits, and starts again with the next", () => {
    vi.useFakeTimers();
    const deadlines = new HelloDeadlines(1_000);
    deadlines.finish(deadlines.start(() => {}));
    vi.advanceTimersByTime(250);
    expect(vi.getTimerCount(), "a quiet listener keeps a timer running").toBe(0);
    let fired = false;
    deadlines.start(() => {
      fired = true;
    });
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_250);
    expect(fired).toBe(true);
  });
});

describe("HelloDeadlines.sweep", () => {
  test("lets go of the due peeks, oldest first, and of no other", () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "performance"] });
    const t0 = performance.now();
    const deadlines = new HelloDeadlines(1_000);
    const expired: string[] = [];
    deadlines.start(() => expired.push("a")); // began t0
    vi.advanceTimersByTime(300);
    deadlines.start(() => expired.push("b")); // began t0 + 300
    vi.advanceTimersByTime(300);
    deadlines.start(() => expired.push("c")); // began t0 + 600
    deadlines.sweep(t0 + 999);
    expect(expired, `nothing is due before its timeout (${BOOK})`).toEqual([]);
    deadlines.sweep(t0 + 1_300);
    expect(expired, `due: began at or before now - timeout (${BOOK})`).toEqual(["a", "b"]);
    expect(deadlines.waiting).toBe(1);
    vi.useRealTimers();
  });

  test("an expiry that finishes its own peek is not called twice", () => {
    const deadlines = new HelloDeadlines(100);
    let calls = 0;
    const entry: WaitingPeek = deadlines.start(() => {
      calls++;
      deadlines.finish(entry);
    });
    deadlines.sweep(performance.now() + 100);
    deadlines.sweep(performance.now() + 200);
    expect(calls).toBe(1);
    expect(deadlines.waiting).toBe(0);
  });

  test("a scavenge keeps almost none of 400 peeks that came and went", () => {
    const deadlines = new HelloDeadlines(1_000);
    const { share, summary } = keptOfChurn(400, (ballast) => {
      const entry = deadlines.start(() => void ballast.length);
      return () => deadlines.finish(entry);
    });
    expect(
      share,
      `${summary} of finished peeks survived two scavenges, freed only by a full collection. ` +
        "A Map that changes on every connection does this (its replaced tables keep what " +
        `they held): keep the peeks in chapter 01's linked list (${BOOK})`,
    ).toBeLessThan(0.15);
  });
});
