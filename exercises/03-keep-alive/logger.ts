/**
 * The one logger interface of the book: the connection (this chapter) and
 * the router (chapter 05) both report through it.
 *
 * An interface and not a library, so that chapter 17 can hand in its JSON
 * logger with rotation and tests can hand in an array. An event is a short
 * stable name ("handler failed") plus fields, never a sentence with values
 * baked in: a log reader filters on the name and reads the fields.
 */

/** What an event carries: ids, status, method, the error. */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  /** Something went wrong on our side: a bug or an outage to look at. */
  error(event: string, fields?: LogFields): void;
  /**
   * Something happened that is nobody's bug, such as a client that went
   * away mid-request. Optional: a logger that only wants errors omits it.
   */
  info?(event: string, fields?: LogFields): void;
}

/** An Error as text for a log line: its stack when there is one. */
function plain(fields: LogFields | undefined): LogFields | undefined {
  if (fields === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? (value.stack ?? value.message) : value;
  }
  return out;
}

function line(
  level: string,
  event: string,
  fields: LogFields | undefined,
): string {
  const time = new Date().toISOString();
  return JSON.stringify({ time, level, event, ...plain(fields) });
}

/** One JSON line per event on stderr: readable by people and by tools. */
export const consoleLogger: Logger = {
  error: (event, fields) => console.error(line("error", event, fields)),
  info: (event, fields) => console.error(line("info", event, fields)),
};
