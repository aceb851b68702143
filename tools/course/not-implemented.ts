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

export class NotImplemented extends Error {
  override readonly name = "NotImplemented";
  readonly site: ExerciseSite;

  constructor(site: ExerciseSite) {
    super(
      `Exercise not written yet: ${site.name} (chapter ${site.chapter}, ` +
        `${site.file}). Hint: ${site.hint}`,
    );
    this.site = site;
  }
}
