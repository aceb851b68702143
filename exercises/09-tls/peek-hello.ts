// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Reads a connection's first TLS record before node:tls does: the same
 * peek a TLS-terminating proxy makes, reading only what the listener
 * routes by (hello-route.ts). The server uses it to turn away what is
 * not TLS at all (plain HTTP sent to the HTTPS port gets a readable
 * answer instead of a handshake failure), to close what is not a
 * ClientHello before OpenSSL spends anything on it, and to send TLS
 * 1.2-only clients to the server with the session cache. The bytes read
 * are handed back, so node:tls can read them again.
 *
 * The peek is paid on every new connection, so it reads the way chapter
 * 03's connections do (own-buffer-reads.ts): into the shared buffer,
 * copying only the record it keeps, instead of a fresh 64 KiB Buffer
 * through the stream's 'data' machinery; and it answers through a
 * callback, not a promise: that machinery, not the peek's own few
 * hundred instructions, was what the peek cost (chapters/notes/09-tls.md).
 * For the same reason its time limit is one timer for all of a
 * listener's peeks (HelloDeadlines), not a Node timer each.
 */
import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import { type Linked, LinkedList } from "#ch01/linked-list.ts";
import {
  readIntoOwnBuffer,
  returnToStream,
  sharedReadBuffer,
} from "#ch03/own-buffer-reads.ts";
import { routeHello } from "./hello-route.ts";
import type { TlsError } from "./tls-errors.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * 10 s for a client to send its ClientHello, the same bound as the whole
 * handshake (tls-profile.ts): a peer that connects and says nothing must
 * not hold a socket forever.
 */
export const HELLO_TIMEOUT_MS = 10_000;

/** A peek waiting for its hello: when it began, and what ends it. */
export class WaitingPeek implements Linked<WaitingPeek> {
  prev: WaitingPeek | undefined = undefined;
  next: WaitingPeek | undefined = undefined;
  readonly expire: () => void;
  readonly began: number;

  constructor(expire: () => void, began: number) {
    this.expire = expire;
    this.began = began;
  }
}

/**
 * The hello timeout for every peek a listener has waiting, on one
 * interval timer. A hello nearly always arrives within a millisecond of
 * the accept, so a Node timer per peek would be made and cleared almost
 * at once, on every connection: a Timeout object, its async id, and
 * (since the 10 s list empties between connections) a timer list
 * created, queued and dropped each time. Here a peek costs one entry in
 * a list (chapter 01's linked list, not a Map: linked-list.ts says why),
 * and the list's order is the order the peeks began, which with one
 * timeout for all is the order their deadlines fall in. A peek is
 * let go between `timeoutMs` and a quarter more after it began. Times are
 * `performance.now()`, which only moves forward, as Node's timers do: a
 * wall clock set back an hour would keep every waiting peek an hour more.
 *
 * The timer runs only while peeks wait: a tick that finds none stops it,
 * so a quiet listener has no timer at all, and a busy one keeps the same
 * timer instead of making one per connection.
 */
export class HelloDeadlines {
  readonly timeoutMs: number;
  /** The waiting peeks, in the order they began. */
  readonly #waiting = new LinkedList<WaitingPeek>();
  #timer: NodeJS.Timeout | undefined;

  constructor(timeoutMs = HELLO_TIMEOUT_MS) {
    this.timeoutMs = timeoutMs;
  }

  /** How many peeks wait now. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /**
   * Calls `expire` once the peek has waited its time, unless finished
   * first; what it returns is what finish() takes.
   *
   * @exercise
   */
  start(expire: () => void): WaitingPeek {
    throw new NotImplemented({
      chapter: "09",
      name: "HelloDeadlines.start",
      file: "exercises/09-tls/peek-hello.ts",
      hint: "remember when this peek began; one timer serves them all.",
    });
  }

  /** The peek finished: no expiry. */
  finish(entry: WaitingPeek): void {
    this.#waiting.remove(entry);
  }

  /**
   * Lets go of every peek that began `timeoutMs` or more before `now` (on
   * `performance.now()`'s clock); the timer calls it.
   *
   * @exercise
   */
  sweep(now: number): void {
    throw new NotImplemented({
      chapter: "09",
      name: "HelloDeadlines.sweep",
      file: "exercises/09-tls/peek-hello.ts",
      hint: "the list's order is the order of the deadlines: no need to look past the first one that is not due.",
    });
  }

  /**
   * Stops at a tick that finds no peek waiting, not when the last one
   * finishes: on a busy listener the Map empties between connections, and
   * stopping then would make a timer per connection again.
   */
  readonly #tick = (): void => {
    if (this.#waiting.size > 0) this.sweep(performance.now());
    else {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  };
}

export type Peeked =
  | {
      readonly kind: "hello";
      /** Whether it offers TLS 1.3; undefined when the peek cannot tell. */
      readonly tls13: boolean | undefined;
      readonly bytes: Buffer;
    }
  | {
      readonly kind: "refused";
      readonly error: TlsError;
      readonly bytes: Buffer;
    }
  | { readonly kind: "gone" };

/**
 * Waits for the first record on `socket`; never throws. Calls `done`
 * once: with the hello's route, with a refusal, or "gone" when the peer
 * closed, failed (an error is always followed by 'close') or stayed
 * silent past the timeout. Reads go into the shared buffer when the
 * socket allows it, else through 'data'; either way, once done, the
 * socket is back on its stream and holds nothing the peek read. Silence
 * is bounded by `deadlines`, shared with the listener's other peeks.
 *
 * @exercise
 */
export function peekClientHello(
  socket: Socket,
  done: (peeked: Peeked) => void,
  deadlines: HelloDeadlines,
): void {
  throw new NotImplemented({
    chapter: "09",
    name: "peekClientHello",
    file: "exercises/09-tls/peek-hello.ts",
    hint: "keep every chunk: the bytes must be handed back whole. Judge them only once there are as many as the last answer said it needs.",
  });
}
