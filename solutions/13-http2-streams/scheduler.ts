/**
 * Who sends next: the DATA scheduler (RFC 9218 §10).
 *
 * When several responses have bytes ready and the socket can take only
 * some of them, the order matters to the user: the stylesheet that
 * blocks rendering should not queue behind a large image. RFC 9218
 * leaves the policy to the server and describes the usual one, which is
 * this one:
 *
 * - lower urgency numbers first: nothing of urgency 4 goes while a
 *   stream of urgency 3 has bytes and window;
 * - within one urgency, non-incremental responses one at a time, oldest
 *   (lowest stream id) first, since each is useful only whole;
 * - then incremental responses in turn, one frame each (round-robin).
 *
 * A stream that cannot send (no bytes yet, or a window at zero) is
 * skipped, not waited for: priorities order the bandwidth, they never
 * leave it idle.
 */
import type { Priority } from "./priority.ts";

const LEVELS = 8;

export class PriorityScheduler {
  /** Stream ids per urgency, in arrival order (the rotation order for `i`). */
  readonly #levels: number[][] = Array.from({ length: LEVELS }, () => []);
  readonly #priorities = new Map<number, Priority>();

  get size(): number {
    return this.#priorities.size;
  }

  /** A stream with something to send, at its priority. */
  add(id: number, priority: Priority): void {
    if (this.#priorities.has(id)) this.remove(id);
    this.#priorities.set(id, priority);
    const level = this.#levels[priority.urgency] as number[];
    // Kept sorted by id: streams are added in id order almost always.
    let at = level.length;
    while (at > 0 && (level[at - 1] as number) > id) at--;
    // push and shift, unlike splice, allocate no array of removed items.
    if (at === level.length) level.push(id);
    else level.splice(at, 0, id);
  }

  /** PRIORITY_UPDATE or a finished stream. */
  remove(id: number): void {
    const priority = this.#priorities.get(id);
    if (priority === undefined) return;
    this.#priorities.delete(id);
    const level = this.#levels[priority.urgency] as number[];
    const at = level.indexOf(id);
    if (at === 0) level.shift();
    else if (at !== -1) level.splice(at, 1);
  }

  priorityOf(id: number): Priority | undefined {
    return this.#priorities.get(id);
  }

  /**
   * The stream that should send its next frame, among those `canSend`
   * accepts; undefined when none can. An incremental stream that is picked
   * moves to the back of its level, so its peers go next.
   *
   * @exercise
   * @hint nudge: walk the urgency levels from 0; inside a level, whole
   *   responses before incremental ones.
   * @hint concept: RFC 9218 §10: serve the lowest urgency first; among
   *   non-incremental streams of one urgency, the lowest id (the oldest
   *   request) first; share the rest round-robin among incremental streams.
   *   Skip every stream canSend refuses.
   * @hint solution: per level in #levels, two passes. First the earliest id
   *   that is not incremental and canSend allows: answer it, in place. Then
   *   the earliest incremental one it allows: move it to the back of its
   *   level (that is the round robin) and answer it. No level: undefined.
   */
  pick(canSend: (id: number) => boolean): number | undefined {
    for (const level of this.#levels) {
      for (const id of level) {
        if (!this.#priorities.get(id)?.incremental && canSend(id)) return id;
      }
      for (let at = 0; at < level.length; at++) {
        const id = level[at] as number;
        if (this.#priorities.get(id)?.incremental && canSend(id)) {
          level.splice(at, 1);
          level.push(id);
          return id;
        }
      }
    }
    return undefined;
  }
}
