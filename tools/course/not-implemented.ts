/**
 * The error every generated exercise throws until the learner writes it.
 *
 * The exercise generator (tools/exercises/generate.ts) replaces the body of
 * each function tagged `@exercise` in solutions/ with
 * `throw new NotImplemented({...})`. The message names the chapter, the
 * function and the first hint, so a learner who runs a test before reading
 * the chapter still learns where to start; `npm run learn` reads the same
 * fields to point at file and line.
 */
export interface ExerciseSite {
  /** Two-digit chapter number, e.g. "01". */
  readonly chapter: string;
  /** The function or `Class.method` the learner must write. */
  readonly name: string;
  /** Path of the exercise file, relative to the repository root. */
  readonly file: string;
  /** First hint tier (the nudge). */
  readonly hint: string;
}

/** Where a test process listens for stubs that run (a global, one per worker). */
export const STUB_THROWN = Symbol.for("handshake.stub-thrown");

export class NotImplemented extends Error {
  override readonly name = "NotImplemented";
  readonly site: ExerciseSite;

  constructor(site: ExerciseSite) {
    super(
      `Exercise not written yet: ${site.name} (chapter ${site.chapter}, ` +
        `${site.file}). Hint: ${site.hint}`,
    );
    this.site = site;
    // Tell whoever waits (a test's client, see tools/testing/stub-tripwire.ts)
    // that an unwritten exercise ran: it fails now instead of at a timeout.
    const hook = (globalThis as Record<symbol, unknown>)[STUB_THROWN];
    if (typeof hook === "function") hook(this);
  }
}
