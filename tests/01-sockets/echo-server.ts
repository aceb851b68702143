/**
 * A line echo server for tests: port 0 on loopback, with the server-side
 * sockets and connections in reach so tests can watch back-pressure and
 * state from the inside.
 */
import type { Socket } from "node:net";
import { type LineEcho, type LineEchoOptions, serveLineEcho } from "#ch01/line-echo.ts";
import { isPeerGone } from "#ch01/peer-errors.ts";
import { listenTcp, type TcpServerHandle } from "#ch01/tcp-server.ts";
import type { Lesson } from "#testing/wire.ts";

export interface EchoServer {
  readonly port: number;
  readonly handle: TcpServerHandle;
  /** Server-side sockets, in accept order. */
  readonly sockets: Socket[];
  readonly echoes: LineEcho[];
  /** Errors the connections reported. */
  readonly errors: Error[];
  stop(): Promise<void>;
}

/** Keep every error; show the unexpected ones (an exercise's hint, a bug). */
function record(errors: Error[], error: Error): void {
  errors.push(error);
  if (!isPeerGone(error)) console.error(`line echo connection failed: ${error.message}`);
}

export async function startEchoServer(options: LineEchoOptions = {}): Promise<EchoServer> {
  const sockets: Socket[] = [];
  const echoes: LineEcho[] = [];
  const errors: Error[] = [];
  const handle = await listenTcp({ host: "127.0.0.1", port: 0 }, (socket) => {
    sockets.push(socket);
    const echo = serveLineEcho(socket, { onError: (e) => record(errors, e), ...options });
    echoes.push(echo);
    return echo;
  });
  return {
    port: handle.address.port,
    handle,
    sockets,
    echoes,
    errors,
    stop: () => handle.close({ graceMs: 200 }),
  };
}

export { eventually } from "#testing/eventually.ts";

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const BOOK = "chapters/01-sockets.md";

/** The lessons a failing chapter-01 test teaches. */
export const LESSONS = {
  echo: {
    rule: "Each complete line comes back once, ending in LF; a CR before the LF is dropped (RFC 9112 §2.2 leniency).",
    book: `${BOOK}#an-echo-server`,
    curl: "printf 'hello\\r\\n' | nc -N 127.0.0.1 8080",
  },
  framing: {
    rule: "TCP keeps no message boundaries (RFC 9293 §2.2, a byte stream): a line split across writes is still one line.",
    book: `${BOOK}#framing-by-delimiter`,
    curl: "(printf 'hel'; sleep 1; printf 'lo\\n') | nc -N 127.0.0.1 8080",
  },
  halfClose: {
    rule: "After the peer's FIN it still reads (RFC 9293 §3.6): echo what is left, then end(), not destroy().",
    book: `${BOOK}#half-close`,
    curl: "printf 'a\\nb' | nc -N 127.0.0.1 8080",
  },
  limits: {
    rule: "A line over maxLineBytes is refused with an error line, then the server closes.",
    book: `${BOOK}#limits-and-timeouts`,
    curl: "head -c 9000 /dev/zero | tr '\\0' x | nc -N 127.0.0.1 8080",
  },
  idle: {
    rule: "A connection idle for idleTimeoutMs is told why and closed.",
    book: `${BOOK}#limits-and-timeouts`,
    curl: "nc 127.0.0.1 8080   # then type nothing",
  },
  backPressure: {
    rule: "When write() returns false, stop reading (pause) until 'drain' (resume).",
    book: `${BOOK}#back-pressure`,
  },
  errors: {
    rule: "Every socket has an 'error' listener: a peer's reset (ECONNRESET) or EPIPE closes one connection, never the server.",
    book: `${BOOK}#errors`,
  },
  bug: {
    rule: "A handler that throws closes its own connection and reports the error through 'error' (LineEcho.#guard); no other connection notices.",
    book: `${BOOK}#errors`,
  },
  closing: {
    rule: "A graceful close stops accepting, lets connections finish, and destroys the rest at the deadline.",
    book: `${BOOK}#closing-well`,
  },
} satisfies Record<string, Lesson>;
