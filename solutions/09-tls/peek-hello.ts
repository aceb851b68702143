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
   * @hint nudge: remember when this peek began; one timer serves them all.
   * @hint concept: a new entry with the expiry and the time now goes at the
   *   end of the list. The interval (#tick, every quarter of the timeout, at
   *   least 1 ms) starts only when none runs, and is unref'd: the peek's
   *   socket keeps the process alive, its deadline need not.
   * @hint solution: entry = new WaitingPeek(expire, performance.now()); push
   *   it; unless #timer is set, #timer = setInterval(#tick, max(1, timeoutMs
   *   / 4)), unref'd; return the entry.
   */
  start(expire: () => void): WaitingPeek {
    const entry = new WaitingPeek(expire, performance.now());
    this.#waiting.push(entry);
    if (this.#timer !== undefined) return entry;
    this.#timer = setInterval(this.#tick, Math.max(1, this.timeoutMs / 4));
    this.#timer.unref();
    return entry;
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
   * @hint nudge: the list's order is the order of the deadlines: no need to
   *   look past the first one that is not due.
   * @hint concept: due means began at or before now - timeoutMs. Take the
   *   first entry while it is due: it leaves the list before its expiry runs
   *   (the expiry finishes the peek, which removes it again, harmlessly); the
   *   first one not due ends the walk.
   * @hint solution: due = now - timeoutMs; loop on #waiting.first: stop if
   *   it is missing or began > due; else remove it, then call its expire.
   */
  sweep(now: number): void {
    const due = now - this.timeoutMs;
    for (let entry = this.#waiting.first; entry !== undefined; ) {
      if (entry.began > due) return; // the rest began later still
      this.#waiting.remove(entry);
      entry.expire();
      entry = this.#waiting.first;
    }
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
 * @hint nudge: keep every chunk: the bytes must be handed back whole. Judge
 *   them only once there are as many as the last answer said it needs.
 * @hint concept: per read: keep (copied if borrowed) and count; short of
 *   `needs`, wait; else routeHello: incomplete sets needs, hello or refused
 *   finish with the bytes. 'close' and the deadline finish "gone"; finishing
 *   cleans up and hands the socket back (returnToStream) or pauses it.
 * @hint solution: the kept chunk (a list from a second on), a count, needs =
 *   1, one finish that cleans up and calls done. Per read: keep, count, return
 *   while short; route the chunk or the list joined. Close and the expiry of
 *   deadlines.start: gone. Then the shared buffer, or 'data' if refused.
 */
export function peekClientHello(
  socket: Socket,
  done: (peeked: Peeked) => void,
  deadlines: HelloDeadlines,
): void {
  // What was read so far: almost always a single chunk, kept as it is;
  // a list only once a second read arrives.
  let kept: Buffer | Buffer[] | undefined;
  let held = 0;
  // One byte can be refused (readRecordHeader answers at the first
  // wrong one); after that, each answer says how many it waits for, so
  // a client sending a byte at a time does not cost a join per byte.
  let needs = 1;
  const finish = (peeked: Peeked): void => {
    deadlines.finish(waiting);
    socket.off("close", onGone);
    if (borrowed) returnToStream(socket);
    else socket.off("data", onData).pause();
    done(peeked);
  };
  const onData = (chunk: Buffer): void => {
    // A borrowed view is overwritten by the next read: keep a copy.
    const own = borrowed ? Buffer.from(chunk) : chunk;
    if (kept === undefined) kept = own;
    else if (Array.isArray(kept)) kept.push(own);
    else kept = [kept, own];
    held += own.length;
    if (held < needs) return;
    // Almost every hello arrives in one read: that chunk as is.
    const bytes = Array.isArray(kept) ? Buffer.concat(kept, held) : kept;
    const route = routeHello(bytes);
    if (route.kind === "incomplete") needs = route.needs;
    else if (route.kind === "hello")
      finish({ kind: "hello", tls13: route.tls13, bytes });
    else finish({ kind: "refused", error: route.error, bytes });
  };
  const onGone = (): void => finish({ kind: "gone" });
  const waiting = deadlines.start(onGone);
  socket.on("close", onGone);
  const borrowed = readIntoOwnBuffer(socket, sharedReadBuffer, onData);
  if (!borrowed) socket.on("data", onData);
}
