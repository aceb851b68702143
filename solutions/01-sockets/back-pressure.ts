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
 * @hint nudge: write() returning false means "stop sending me more", and what
 *   makes us send is reading.
 * @hint concept: on false, pause() the socket's reading side and resume() it
 *   once 'drain' fires; do nothing if it is already paused.
 * @hint solution: write first; when it returns true, or the stream is already
 *   paused (a drain listener is armed), there is nothing more to do;
 *   otherwise pause and arm a once('drain') listener that resumes.
 */
export function writeWithBackPressure(
  stream: FlowControlled,
  chunk: Uint8Array,
): void {
  if (stream.write(chunk) || stream.isPaused()) return;
  stream.pause();
  stream.once("drain", () => stream.resume());
}
