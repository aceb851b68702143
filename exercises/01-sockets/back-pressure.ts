// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Back-pressure: never read faster than the peer reads our answers.
 *
 * An echo server writes as much as it reads. If the peer sends without
 * reading, our writes pile up in memory (the kernel's send buffer fills,
 * then Node queues the rest in user space, without limit). `write()`
 * returning false is the signal that the queue is past its high-water mark:
 * the bytes were accepted, but we should stop producing more. We stop
 * reading (`pause()`), which lets the kernel's receive buffer fill, which
 * closes TCP's receive window (RFC 9293 §3.8.6), which stops the sender.
 * When the queue empties, 'drain' fires and we read again (`resume()`).
 *
 *   write() → false ─▶ pause() ··· 'drain' ─▶ resume()
 */
import { NotImplemented } from "#course/not-implemented.ts";

/** The part of a socket that back-pressure needs (a fake fits in tests). */
export interface FlowControlled {
  /** Queue bytes; false once the queue is past its high-water mark. */
  write(chunk: Uint8Array): boolean;
  /** Stop 'data' events: what arrives waits in the kernel. */
  pause(): unknown;
  /** Start 'data' events again. */
  resume(): unknown;
  /** True after pause() until resume(). */
  isPaused(): boolean;
  once(event: "drain", listener: () => void): unknown;
}

/**
 * Writes `chunk` and, when the write queue is full, stops reading until it
 * drains. The bytes are never refused: false is advice, not failure. Only
 * the first full write while flowing arms a 'drain' listener; arming one
 * per write would stack listeners (and Node warns past ten).
 *
 * @exercise
 */
export function writeWithBackPressure(
  stream: FlowControlled,
  chunk: Uint8Array,
): void {
  throw new NotImplemented({
    chapter: "01",
    name: "writeWithBackPressure",
    file: "exercises/01-sockets/back-pressure.ts",
    hint: "write() returning false means \"stop sending me more\", and what makes us send is reading.",
  });
}
