/**
 * The smallest logger the router needs: one structured event per failure.
 *
 * An interface and not a library, so that chapter 17 can hand in its JSON
 * logger with rotation and tests can hand in an array.
 */

export interface Logger {
  /** Something went wrong on our side; `fields` say what and where. */
  error(event: string, fields: Readonly<Record<string, unknown>>): void;
}

/** One JSON line per event on stderr: readable by people and by tools. */
export const consoleLogger: Logger = {
  error(event, fields) {
    console.error(
      JSON.stringify({ time: new Date().toISOString(), level: "error", event, ...fields }),
    );
  },
};
