// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * What the encoder remembers, and what it must never remember.
 *
 * Indexing a field saves bytes on every later request that repeats it,
 * and costs table space that other fields could use. Most fields repeat
 * (`user-agent`, `accept`, `:authority`), so they are indexed. Some never
 * repeat (`content-length`, `date`, an `etag`), and indexing them only
 * evicts fields that would have.
 *
 * Security decides the rest. HPACK's table is shared by every request on
 * a connection, and a connection may carry requests from a script the
 * attacker controls next to requests carrying the victim's secrets. If
 * the attacker can guess a secret's value, sending the guess and watching
 * whether the block shrinks (the guess hit the table) reveals it one
 * character at a time: the CRIME attack (2012) did this against DEFLATE,
 * and HPACK was designed so that it cannot work on fields an encoder
 * marks never-indexed (RFC 7541 §7.1). Those are sent as literals every
 * time, and §6.2.3 obliges every proxy on the way to keep them so.
 */
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * The three literal forms (RFC 7541 §6.2): with incremental indexing
 * (§6.2.1), without indexing (§6.2.2), never indexed (§6.2.3).
 */
export type Indexing = "index" | "no-index" | "never";

/**
 * Credentials, always never-indexed. `set-cookie` too: responses from
 * one origin can carry different users' sessions through a shared proxy
 * connection.
 */
const SENSITIVE = new Set([
  "authorization",
  "proxy-authorization",
  "set-cookie",
]);

/**
 * Cookies shorter than this are never indexed: a short value has so few
 * possibilities that guessing it through the table is practical
 * (§7.1.3 gives exactly this example). Long random session cookies are
 * out of reach of guessing and save many bytes when indexed.
 */
export const SHORT_COOKIE = 20;

/**
 * Values that change on (nearly) every message: indexing them churns the table.
 */
const UNIQUE = new Set([
  ":path",
  "content-length",
  "date",
  "etag",
  "last-modified",
  "if-modified-since",
  "if-none-match",
  "age",
  "content-range",
]);

/**
 * The default "no extra sensitive fields": one shared set, not one per call.
 */
const NONE: ReadonlySet<string> = new Set();

/**
 * How to send one field. `sensitive` names fields the application marked
 * secret (a token in a custom header, say).
 *
 * @exercise
 */
export function indexingFor(
  name: string,
  value: string,
  sensitive: ReadonlySet<string> = NONE,
): Indexing {
  throw new NotImplemented({
    chapter: "12",
    name: "indexingFor",
    file: "exercises/12-hpack/indexing-policy.ts",
    hint: "three answers: credentials are never indexed, one-off values are not indexed, everything else is.",
  });
}
