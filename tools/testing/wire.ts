/**
 * Teaching assertions for wire bytes.
 *
 * A protocol test that fails with "expected false to be true" teaches
 * nothing. These helpers fail the way the best protocol testers do: they show
 * the exact bytes, escaped, with a caret under the first wrong byte, then the
 * rule from the RFC, where the book explains it, and a command to reproduce
 * it by hand. `npm run learn` prints the message as it is.
 */
import { AssertionError } from "node:assert";

/** What a failing check should teach, beside the bytes. */
export interface Lesson {
  /** The rule, e.g. "RFC 9112 §2.2: a recipient MUST ...". */
  readonly rule?: string;
  /** Book section, e.g. "chapters/03-keep-alive.md#pipelining". */
  readonly book?: string;
  /** A command that shows the same exchange, e.g. a curl line. */
  readonly curl?: string;
  /** The bytes the test sent, shown above the comparison. */
  readonly sent?: Uint8Array | string;
}

type Bytes = Uint8Array | string;

const toBuffer = (b: Bytes): Buffer =>
  typeof b === "string" ? Buffer.from(b, "latin1") : Buffer.from(b);

/** Escape one byte so CR, LF, tabs and non-ASCII are visible. */
function escapeByte(byte: number): string {
  if (byte === 0x0d) return "\\r";
  if (byte === 0x0a) return "\\n";
  if (byte === 0x09) return "\\t";
  if (byte === 0x5c) return "\\\\";
  if (byte >= 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, "0")}`;
}

/**
 * Escape bytes into display lines: a line break follows each escaped `\n`,
 * so an HTTP head reads one field per line. Returns, per line, the text and
 * the byte offset where that line starts, so a caret can be placed.
 */
export function escapeLines(bytes: Bytes): { text: string; start: number; columns: number[] }[] {
  const buf = toBuffer(bytes);
  const lines: { text: string; start: number; columns: number[] }[] = [];
  let line = { text: "", start: 0, columns: [] as number[] };
  for (let i = 0; i < buf.length; i++) {
    line.columns.push(line.text.length);
    line.text += escapeByte(buf[i] as number);
    if (buf[i] === 0x0a && i + 1 < buf.length) {
      lines.push(line);
      line = { text: "", start: i + 1, columns: [] };
    }
  }
  lines.push(line);
  return lines;
}

/** Escape bytes into one string (for short values in messages). */
export function escapeBytes(bytes: Bytes): string {
  return escapeLines(bytes)
    .map((l) => l.text)
    .join("");
}

/** Index of the first differing byte, or -1 when equal. */
export function firstDifference(a: Bytes, b: Bytes): number {
  const x = toBuffer(a);
  const y = toBuffer(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return i;
  return x.length === y.length ? -1 : n;
}

function indent(prefix: string, bytes: Bytes): string[] {
  const pad = " ".repeat(prefix.length);
  return escapeLines(bytes).map((l, i) => (i === 0 ? prefix : pad) + l.text);
}

/** Render "received" with a caret under the byte at `offset`. */
function withCaret(prefix: string, bytes: Bytes, offset: number): string[] {
  const pad = " ".repeat(prefix.length);
  const out: string[] = [];
  const lines = escapeLines(bytes);
  lines.forEach((l, i) => {
    out.push((i === 0 ? prefix : pad) + l.text);
    const end = l.start + l.columns.length;
    const last = i === lines.length - 1;
    if (offset >= l.start && (offset < end || (last && offset === end))) {
      const col = offset < end ? (l.columns[offset - l.start] as number) : l.text.length;
      out.push(`${pad}${" ".repeat(col)}^ first difference at byte ${offset}`);
    }
  });
  return out;
}

/** Build the teaching message for a byte mismatch. */
export function describeMismatch(
  what: string,
  actual: Bytes,
  expected: Bytes,
  lesson: Lesson = {},
): string {
  const at = firstDifference(actual, expected);
  const out = [`${what}: bytes differ.`];
  if (lesson.sent !== undefined) out.push(...indent("  sent:     ", lesson.sent));
  out.push(...indent("  expected: ", expected));
  out.push(...withCaret("  received: ", actual, at));
  out.push(...lessonLines(lesson));
  return out.join("\n");
}

/** The rule, book and curl lines shared by every teaching failure. */
export function lessonLines(lesson: Lesson): string[] {
  const out: string[] = [];
  if (lesson.rule) out.push(`  rule:     ${lesson.rule}`);
  if (lesson.book) out.push(`  read:     ${lesson.book}`);
  if (lesson.curl) out.push(`  try:      ${lesson.curl}`);
  return out;
}

/** Assert two byte sequences are equal; fail with a caret diff. */
export function expectBytes(
  actual: Bytes,
  expected: Bytes,
  lesson: Lesson = {},
  what = "Wire bytes",
): void {
  if (firstDifference(actual, expected) === -1) return;
  throw new AssertionError({
    message: describeMismatch(what, actual, expected, lesson),
    actual: escapeBytes(actual),
    expected: escapeBytes(expected),
    operator: "expectBytes",
  });
}

/** Assert that `actual` starts with `prefix` (e.g. a status line). */
export function expectBytesStartWith(
  actual: Bytes,
  prefix: Bytes,
  lesson: Lesson = {},
  what = "Wire bytes",
): void {
  const head = toBuffer(actual).subarray(0, toBuffer(prefix).length);
  expectBytes(head, prefix, lesson, what);
}

/** Fail with a lesson for a condition that is not a byte comparison. */
export function expectTrue(ok: boolean, message: string, lesson: Lesson = {}): asserts ok {
  if (ok) return;
  const out = [message];
  if (lesson.sent !== undefined) out.push(...indent("  sent:     ", lesson.sent));
  out.push(...lessonLines(lesson));
  throw new AssertionError({ message: out.join("\n"), operator: "expectTrue" });
}
